using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;

namespace Registry.Abstractions.Boundaries;

/// <summary>Rules for a dataset that describes one layer of divisions (e.g. a file of prefecture outlines).</summary>
public static class DivisionLayerRules
{
    /// <summary>
    /// A feature of a <paramref name="layer"/> dataset may describe a division of that level or, where a lower-level
    /// division sits directly under a higher one (a county-level city under a province), a lower one; a division
    /// above the layer (a municipality repeated in a prefecture file under its province code) takes its geometry from
    /// its own layer, so the feature is refused with the returned message.
    /// </summary>
    public static string? CheckLevel(DivisionLevel divisionLevel, DivisionLevel layer) =>
        divisionLevel < layer
            ? $"a {ApiTerms.Value(divisionLevel)}-level division in a {ApiTerms.Value(layer)} " +
              "dataset: its geometry comes from its own level's dataset"
            : null;

    public const string LevelRule = "division-level-above-layer";
}
