using System.Text.Json;

namespace Registry.Storage.Tests;

public sealed class RegistryJsonTests
{
    [Fact]
    public void StateOptions_Shared_CannotBeChanged()
    {
        Assert.True(RegistryJson.StateOptions.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => RegistryJson.StateOptions.WriteIndented = true);
    }

    [Fact]
    public void Serialize_DictionaryAndEnum_KeepsKeysVerbatimAndWritesEnumNames()
    {
        var value = new Dictionary<string, DivisionLevel> { ["ZH-Hans"] = DivisionLevel.Province };

        var json = JsonSerializer.Serialize(value, RegistryJson.StateOptions);

        Assert.Equal("""{"ZH-Hans":"Province"}""", json);
        Assert.Equal(value, JsonSerializer.Deserialize<Dictionary<string, DivisionLevel>>(json, RegistryJson.StateOptions));
    }

    [Fact]
    public void Serialize_ChineseText_WritesItAsUtf8_AndReadsStatesWrittenWithEscapesTheSame()
    {
        var value = new Dictionary<string, string> { ["name"] = "北京市朝阳区志愿者协会 \"𠀀\" <&>\u0001" };

        var json = JsonSerializer.Serialize(value, RegistryJson.StateOptions);
        var escaped = JsonSerializer.Serialize(value); // the serializer's default, which states were written with before

        Assert.Contains("北京市朝阳区志愿者协会", json);
        Assert.Contains("\\u0001", json); // control characters are still escaped (the storage's NUL check relies on it)
        Assert.True(json.Length < escaped.Length);
        Assert.Equal(value, JsonSerializer.Deserialize<Dictionary<string, string>>(json, RegistryJson.StateOptions));
        Assert.Equal(value, JsonSerializer.Deserialize<Dictionary<string, string>>(escaped, RegistryJson.StateOptions));
    }
}
