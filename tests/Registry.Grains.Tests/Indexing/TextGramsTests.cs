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
    public void OfFragment_WithLatinTrigrams_EverySubstringOfAMixedText_HasOnlyTermsTheTextHas()
    {
        // A name and its spelling as the place-name index holds them (normalised: lower case, no spaces).
        foreach (var text in new[] { "上三汲乡shangsanjixiang", "温泉花园a区社区居委会", "xian2hao" })
        {
            var terms = TextGrams.OfText("t:", text, latinTrigrams: true).ToHashSet();
            for (var start = 0; start < text.Length; start++)
            {
                for (var length = 1; start + length <= text.Length; length++)
                {
                    var fragment = text.Substring(start, length);
                    Assert.All(TextGrams.OfFragment("t:", fragment, latinTrigrams: true), term => Assert.Contains(term, terms));
                }
            }
        }
    }

    [Fact]
    public void OfFragment_WithLatinTrigrams_LooksUpARunOfLettersByItsTrigrams_AndOtherPairsByTheirBigrams()
    {
        Assert.Equal(["t:sha", "t:han"], TextGrams.OfFragment("t:", "shan", latinTrigrams: true));
        Assert.Equal(["t:sh"], TextGrams.OfFragment("t:", "sh", latinTrigrams: true));
        Assert.Equal(["t:花园", "t:园a", "t:a区"], TextGrams.OfFragment("t:", "花园a区", latinTrigrams: true));
        Assert.Equal(["t:xi", "t:ia", "t:an"], TextGrams.OfFragment("t:", "xian"));
        Assert.Contains("t:ian", TextGrams.OfText("t:", "xian", latinTrigrams: true));
        Assert.DoesNotContain("t:ian", TextGrams.OfText("t:", "xian"));
    }

    [Fact]
    public void OfText_FieldsKeepTheSameTextApart()
    {
        var terms = TextGrams.OfText("r:", "张伟").ToHashSet();

        Assert.DoesNotContain("n:张", terms);
        Assert.True(terms.SetEquals(["r:张", "r:张伟", "r:伟"]));
    }
}
