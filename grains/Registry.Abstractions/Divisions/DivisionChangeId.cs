using System.Security.Cryptography;
using System.Text;

namespace Registry.Abstractions.Divisions;

/// <summary>The operation id of a change: a hash of everything it says, so the same change retried is the same
/// operation and a different change never shares its key.</summary>
public static class DivisionChangeId
{
    public static string Of(DivisionChange change)
    {
        var text = new StringBuilder()
            .Append(change.Kind).Append('|').Append(change.EffectiveDate.ToString("yyyy-MM-dd", null)).Append('|')
            .Append(change.Reason.Trim()).Append('|').Append(change.Code).Append('|').Append(change.Name?.Trim())
            .Append('|').Append(change.Level).Append('|').Append(change.ParentCode).Append('|')
            .AppendJoin(',', change.Sources).Append('|')
            .AppendJoin(',', change.Parts.Select(p => $"{p.Code}:{p.Name?.Trim()}")).Append('|')
            .AppendJoin(',', change.Transfers.Select(t => $"{t.Code}>{t.ToCode}"));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{change.Kind.ToString().ToLowerInvariant()}-{change.EffectiveDate:yyyyMMdd}-{Convert.ToHexString(hash, 0, 12).ToLowerInvariant()}";
    }
}
