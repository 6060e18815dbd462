using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Every allowed division of a name into words, most likely first, composed from the rule units: specific and
/// generic apart (<see cref="GenericTerms"/>, rule 1, also when the specific is one character: 珠江 Zhu Jiang, 泰山
/// Tai Shan, 通县 Tong Xian), modifiers (<see cref="Modifiers"/>, rule 2), the specific's own words
/// (<see cref="SpecificWords"/>, rules 2, 4, 5), natural villages (<see cref="NaturalSettlements"/>, rule 3),
/// ordinals (<see cref="OrdinalNumbers"/>, rule 7) and minority-language forms (<see cref="MinorityNames"/>).
/// <see cref="Refused"/> holds the pinyin layouts of a division whose name is transliterated from a minority language.
/// </summary>
public sealed record SpellingLayouts(IReadOnlyList<WordLayout> Accepted, IReadOnlyList<WordLayout> Refused, MinorityName? Minority)
{
    public static SpellingLayouts For(NameText name, PlaceCategory category)
    {
        var layouts = new List<WordLayout>();
        if (NaturalSettlements.Applies(category))
        {
            layouts.AddRange(NaturalSettlements.Layouts(name));
        }
        else
        {
            var generics = GenericTerms.Starts(name, category);
            foreach (var generic in generics)
            {
                foreach (var start in Modifiers.GenericWordStarts(name, generic))
                {
                    if (category == PlaceCategory.Street)
                    {
                        layouts.AddRange(OrdinalNumbers.Variants(name, start));
                    }

                    foreach (var split in SpecificWords.Splits(name, 0, start))
                    {
                        layouts.Add(new WordLayout([.. WordLayout.FromStarts(split, start), new LayoutWord(start, name.Count)]));
                    }

                    if (category == PlaceCategory.Street)
                    {
                        layouts.AddRange(OrdinalNumbers.Variants(name, start, likely: false));
                    }
                }
            }

            if (generics.Count == 0)
            {
                layouts.AddRange(SpecificWords.Splits(name, 0, name.Count)
                    .Select(split => new WordLayout(WordLayout.FromStarts(split, name.Count))));
            }
        }

        var distinct = layouts.Select(l => l.WithDigitsApart(name)).DistinctBy(l => l.Key).ToList();
        var minority = MinorityNames.Shared.Find(name.Value);
        if (minority is null)
        {
            return new SpellingLayouts(distinct, [], null);
        }

        var length = minority.Specific.Length;
        var transliterated = distinct
            .Where(l => l.Words.Any(w => w.Start == length) || length == name.Count)
            .Select(l => new WordLayout([new LayoutWord(0, length, minority.Romanised), .. l.Words.Where(w => w.Start >= length)]))
            .DistinctBy(l => l.Key)
            .ToList();
        if (transliterated.Count == 0)
        {
            return new SpellingLayouts(distinct, [], null);
        }

        // The division itself (and others named after it in its own category) takes the official form; a street or
        // feature named after it may be spelled either way.
        return category == PlaceCategory.AdministrativeDivision
            ? new SpellingLayouts(transliterated, distinct, minority)
            : new SpellingLayouts([.. distinct, .. transliterated], [], minority);
    }
}
