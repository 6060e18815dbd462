using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

public sealed class TextGramsTests
{
    [Fact]
    public void OfFragment_EverySubstringOfAText_HasOnlyTermsTheTextHas()
    {
        const string name = "北京市朝阳区志愿服务协会";
        var terms = TextGrams.OfText("n:", name).ToHashSet();

        for (var start = 0; start < name.Length; start++)
        {
            for (var length = 1; start + length <= name.Length; length++)
            {
                var fragment = name.Substring(start, length);
                Assert.All(TextGrams.OfFragment("n:", fragment), term => Assert.Contains(term, terms));
            }
        }
    }

    [Fact]
    public void OfFragment_OneCharacter_IsTheCharacter_AndLongerFragmentsAreTheirBigrams()
    {
        Assert.Equal(["n:志"], TextGrams.OfFragment("n:", "志"));
        Assert.Equal(["n:志愿", "n:愿服", "n:服务"], TextGrams.OfFragment("n:", "志愿服务"));
        Assert.Empty(TextGrams.OfFragment("n:", ""));
    }

    [Fact]
    public void OfText_FieldsKeepTheSameTextApart()
    {
        var terms = TextGrams.OfText("r:", "张伟").ToHashSet();

        Assert.DoesNotContain("n:张", terms);
        Assert.True(terms.SetEquals(["r:张", "r:张伟", "r:伟"]));
    }
}
