using Registry.Abstractions.Text;

namespace Registry.Abstractions.Tests.Text;

public sealed class CsvLineTests
{
    [Fact]
    public void QuotedFields_KeepCommasAndDoubledQuotes_AndAnEmptyLastField()
    {
        Assert.Equal(["1", "a,b", "say \"hi\"", ""], CsvLine.Fields("1,\"a,b\",\"say \"\"hi\"\"\","));
    }

    [Fact]
    public void UnquotedFields_AreKeptAsWritten_SpacesAndInnerQuotesIncluded()
    {
        Assert.Equal([" 110101", "东城区 ", "5\"6"], CsvLine.Fields(" 110101,东城区 ,5\"6"));
    }

    [Theory]
    [InlineData("1,\"open")]
    [InlineData("1,\"closed\"tail,2")]
    public void BrokenQuoting_IsNoRow(string line)
    {
        Assert.Null(CsvLine.Fields(line));
    }

    [Fact]
    public void AnEmptyLine_IsOneEmptyField()
    {
        Assert.Equal([""], CsvLine.Fields(""));
    }
}
