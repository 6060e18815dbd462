using Registry.Api.Text;

namespace Registry.Api.Tests.Text;

public sealed class TextPolicyTests
{
    [Theory]
    [InlineData("朝阳区")]
    [InlineData("𠀀𠀁村")] // CJK extension B, outside the BMP
    [InlineData("Anli Shan")]
    public void Apply_Line_KeepsOrdinaryText(string text) =>
        Assert.Equal(text, TextPolicy.Apply(text, TextKind.Line, TextPolicy.LineMaxLength));

    [Fact]
    public void Apply_NormalisesToFormC() =>
        Assert.Equal("\u00e9", TextPolicy.Apply("e\u0301", TextKind.Line, TextPolicy.LineMaxLength));

    [Theory]
    [InlineData("A\u0000B")]
    [InlineData("\u200B")] // zero-width space
    [InlineData("A\u202EB")] // right-to-left override
    [InlineData("A\uE000")] // private use
    [InlineData("A\r\nB")]
    [InlineData("A\u2028B")] // line separator
    [InlineData("A\uFFFF")] // noncharacter
    public void Apply_Line_RefusesForbiddenCharacters(string text)
    {
        var refused = Assert.Throws<TextPolicyException>(() =>
            TextPolicy.Apply(text, TextKind.Line, TextPolicy.LineMaxLength));
        Assert.Equal(TextPolicy.ForbiddenCharacterRule, refused.Rule);
    }

    [Fact]
    public void Apply_RefusesAnUnpairedSurrogate()
    {
        var unpaired = "A" + "\uD840\uDC00"[..1] + "B";
        var refused = Assert.Throws<TextPolicyException>(() => TextPolicy.Apply(unpaired, TextKind.FreeText, 100));
        Assert.Equal(TextPolicy.ForbiddenCharacterRule, refused.Rule);
    }

    [Fact]
    public void Apply_FreeText_AllowsLineBreaksAndTabs_ButNotNulOrOverrides()
    {
        Assert.Equal("第一行\r\n第二行\t完", TextPolicy.Apply("第一行\r\n第二行\t完", TextKind.FreeText, 100));
        Assert.Throws<TextPolicyException>(() => TextPolicy.Apply("A\u0000", TextKind.FreeText, 100));
        Assert.Throws<TextPolicyException>(() => TextPolicy.Apply("A\u202E", TextKind.FreeText, 100));
    }

    [Fact]
    public void Apply_CountsCodePoints_NotUtf16Units()
    {
        Assert.Equal(4, TextPolicy.Apply("𠀀𠀀𠀀𠀀", TextKind.Line, 4).Length / 2);
        var refused = Assert.Throws<TextPolicyException>(() => TextPolicy.Apply("𠀀𠀀𠀀𠀀𠀀", TextKind.Line, 4));
        Assert.Equal(TextPolicy.TooLongRule, refused.Rule);
    }

    [Fact]
    public void Apply_RefusesAHugeTextWithoutNormalisingIt()
    {
        var refused = Assert.Throws<TextPolicyException>(() =>
            TextPolicy.Apply(new string('x', 10_000_000), TextKind.FreeText, TextPolicy.FreeTextMaxLength));
        Assert.Equal(TextPolicy.TooLongRule, refused.Rule);
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("𠀀明")]
    [InlineData("John Smith")]
    [InlineData("SMITH, JOHN")]
    [InlineData("Jean-Luc O'Brien Jr.")]
    [InlineData("Nguyễn Văn An")]
    public void Apply_PersonName_AcceptsWhatAnIdDocumentHolds(string name) =>
        Assert.Equal(name, TextPolicy.Apply(name, TextKind.PersonName, TextPolicy.PersonNameMaxLength));

    [Theory]
    [InlineData("张三😀")]
    [InlineData("张 三")]
    [InlineData("·张三")]
    [InlineData("阿依古丽··买买提")]
    [InlineData("张三Smith")]
    [InlineData("John  Smith")]
    [InlineData("John3")]
    [InlineData("Иван")]
    public void Apply_PersonName_RefusesWhatNoIdDocumentHolds(string name)
    {
        var refused = Assert.Throws<TextPolicyException>(() =>
            TextPolicy.Apply(name, TextKind.PersonName, TextPolicy.PersonNameMaxLength));
        Assert.Equal(TextPolicy.PersonNameRule, refused.Rule);
    }

    [Theory]
    [InlineData("reason", TextKind.FreeText)]
    [InlineData("meaning", TextKind.FreeText)]
    [InlineData("legalRepresentative", TextKind.PersonName)]
    [InlineData("name", TextKind.Line)]
    [InlineData("aFieldAddedTomorrow", TextKind.Line)]
    public void KindOf_FollowsTheFieldName_WithLinesByDefault(string field, TextKind kind) =>
        Assert.Equal(kind, TextPolicy.KindOf(field, null).Kind);
}
