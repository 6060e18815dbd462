using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Api.ErrorHandling;

/// <summary>
/// Keeps a problem writable: a message that quotes a client's text could hold half of a surrogate pair, which the
/// JSON writer refuses to write (and a refusal that cannot be written became a 500). Such halves become U+FFFD.
/// </summary>
public static class ProblemText
{
    public static void MakeWritable(ProblemDetails problem)
    {
        problem.Title = Writable(problem.Title);
        problem.Detail = Writable(problem.Detail);
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var (field, messages) in validation.Errors.ToList())
            {
                var key = Writable(field)!;
                if (key != field)
                {
                    validation.Errors.Remove(field);
                }

                validation.Errors[key] = messages.Select(m => Writable(m)!).ToArray();
            }
        }
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Writable(string? text)
    {
        if (text is null || Text.TextPolicy.IsWellFormed(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString()); // an unpaired surrogate is enumerated as U+FFFD
        }

        return builder.ToString();
    }
}
