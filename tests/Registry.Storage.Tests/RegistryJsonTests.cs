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
}
