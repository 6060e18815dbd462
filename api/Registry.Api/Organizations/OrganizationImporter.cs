using System.Collections.Concurrent;
using System.Globalization;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;
using Registry.Api.Text;

namespace Registry.Api.Organizations;

/// <summary>
/// Enters the existing register from a CSV text with the header
/// <c>code,name,kind,office,registeredOn,legalRepresentative,status,grade</c> (columns in any order). The text is read
/// as a stream, one line at a time; each row is parsed at this edge (text policy, values in the API's terms or their
/// Chinese legal names) and sent to its organization grain, at most <see cref="Concurrency"/> at a time, so memory
/// stays flat whatever the file's size. A row the rules refuse is reported with its line and rule; the others are
/// stored. Idempotent: a re-run finds every stored row stored (the grain answers <see cref="ImportOutcome.AlreadyStored"/>).
/// Every <see cref="ProgressEvery"/> rows, and once at the end, the counts and the rejections since the last report
/// go to the caller's report function (one report at a time, counts never going back). A failure that is not a rule
/// (storage or cluster unavailable) stops the import and propagates: what was stored stays stored and a re-run
/// continues where it stopped. A code repeated within one file is refused at its second line. Not thread-safe per
/// call; calls are independent.
/// </summary>
public sealed class OrganizationImporter(IGrainFactory grains, ILogger<OrganizationImporter> logger)
{
    /// <summary>Grain calls in flight at once.</summary>
    public const int Concurrency = 64;

    /// <summary>A progress report (job and log) every this many rows.</summary>
    public const int ProgressEvery = 5_000;

    public static readonly IReadOnlyList<string> Columns =
        ["code", "name", "kind", "office", "registeredOn", "legalRepresentative", "status", "grade"];

    /// <summary>A column a register may carry besides <see cref="Columns"/>: the day the grade was evaluated
    /// (YYYY-MM-DD), from which its five years run.</summary>
    public const string GradeEvaluatedOnColumn = "gradeEvaluatedOn";

    /// <summary>
    /// Imports every row of <paramref name="csv"/>; <paramref name="source"/> names the file in each record's history.
    /// Refuses a text whose header lacks a column (<c>import-columns</c>) before reading any row. Returns the final
    /// counts, which were also the last report.
    /// </summary>
    public async Task<OrganizationImportProgress> ImportAsync(TextReader csv, string source,
        Func<OrganizationImportProgress, Task> report, CancellationToken cancellationToken)
    {
        var columns = CheckHeader(await csv.ReadLineAsync(cancellationToken));
        var run = new Run();
        using var reporting = new SemaphoreSlim(1, 1);
        async Task ReportAsync(bool final)
        {
            if (!final && !await reporting.WaitAsync(0, cancellationToken))
            {
                return; // a report is under way; the next one carries these counts
            }

            if (final)
            {
                await reporting.WaitAsync(cancellationToken);
            }

            try
            {
                var progress = run.Take();
                logger.LogInformation("Organization import {Source}: {Rows} rows, {Imported} imported, " +
                    "{AlreadyStored} already stored, {Rejected} rejected", source, progress.Rows, progress.Imported,
                    progress.AlreadyStored, progress.Rejected);
                await report(progress);
            }
            finally
            {
                reporting.Release();
            }
        }

        await Parallel.ForEachAsync(RowsAsync(csv, columns, source, run, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (row, token) =>
            {
                try
                {
                    var outcome = await grains.Get<IOrganizationGrain>(row.Command.Uscc).ImportAsync(row.Command);
                    Interlocked.Increment(ref outcome == ImportOutcome.Imported ? ref run.Imported : ref run.AlreadyStored);
                }
                catch (DomainException e)
                {
                    run.Reject(new OrganizationImportRejection(row.Line, row.Command.Uscc, e.Rule, e.Field, e.Message));
                }

                if (Interlocked.Increment(ref run.Done) % ProgressEvery == 0)
                {
                    await ReportAsync(final: false);
                }
            });

        await ReportAsync(final: true);
        return run.Take();
    }

    /// <summary>The columns' positions by name; a header without one of <see cref="Columns"/> is a 400
    /// <c>import-columns</c> naming the missing ones. Pure.</summary>
    public static Dictionary<string, int> CheckHeader(string? header) => ColumnsOf(header);

    private static Dictionary<string, int> ColumnsOf(string? header)
    {
        var fields = header is null ? null : CsvLine.Fields(header.TrimStart('\uFEFF'));
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; fields is not null && i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].Trim(), i);
        }

        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw DomainException.Invalid("import-columns", "body",
                $"The first line names the columns: {string.Join(",", Columns)} (any order); missing: " +
                $"{string.Join(", ", missing)}.");
        }

        return columns;
    }

    private static async IAsyncEnumerable<ParsedRow> RowsAsync(TextReader csv, Dictionary<string, int> columns,
        string source, Run run, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 1L;
        while (await csv.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            Interlocked.Increment(ref run.Rows);
            var parsed = Parse(line, lineNumber, columns, source);
            if (parsed.Rejection is { } rejection)
            {
                run.Reject(rejection);
                run.Skipped();
                continue;
            }

            if (!seen.Add(parsed.Row!.Command.Uscc))
            {
                run.Reject(new OrganizationImportRejection(lineNumber, parsed.Row.Command.Uscc, "import-duplicate-code",
                    "code", $"The code {parsed.Row.Command.Uscc} is on an earlier line of this file."));
                run.Skipped();
                continue;
            }

            yield return parsed.Row;
        }
    }

    /// <summary>One line as a command, or the rejection naming what is wrong with it. Pure.</summary>
    public static (ParsedRow? Row, OrganizationImportRejection? Rejection) Parse(string line, long lineNumber,
        IReadOnlyDictionary<string, int> columns, string source)
    {
        var fields = CsvLine.Fields(line);
        if (fields is null || fields.Count < columns.Values.Max() + 1)
        {
            return (null, new OrganizationImportRejection(lineNumber, null, "import-row-malformed", null,
                fields is null ? "The line's quoting is broken." : $"The line has {fields.Count} fields; the header names {columns.Count}."));
        }

        string Field(string name) => fields[columns[name]].Trim();
        var code = Field("code").ToUpperInvariant();
        OrganizationImportRejection Reject(string rule, string field, string message) =>
            new(lineNumber, code.Length == 0 ? null : code, rule, field, message);

        if (!UnifiedSocialCreditCode.IsWellFormed(code))
        {
            return (null, Reject("uscc-format", "code",
                $"A Unified Social Credit Code is {UnifiedSocialCreditCode.Length} characters of {UnifiedSocialCreditCode.Alphabet}."));
        }

        if (!OrganizationTermNames.TryKind(Field("kind"), out var kind))
        {
            return (null, Reject("value-out-of-range", "kind", OrganizationTermNames.KindRule));
        }

        if (!OrganizationTermNames.TryStatus(Field("status"), out var status))
        {
            return (null, Reject("value-out-of-range", "status", OrganizationTermNames.StatusRule));
        }

        static bool IsDate(string text, out DateOnly date) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        if (!IsDate(Field("registeredOn"), out var registeredOn))
        {
            return (null, Reject("date-format", "registeredOn", "'registeredOn' is a date YYYY-MM-DD."));
        }

        var gradeText = Field("grade");
        int? grade = null;
        if (gradeText.Length > 0)
        {
            var digits = gradeText.EndsWith("A级", StringComparison.Ordinal) ? gradeText[..^1] : gradeText;
            if (digits is not [>= '1' and <= '5', 'A'])
            {
                return (null, Reject("grade-format", "grade", "'grade' is empty or one of 1A, 2A, 3A, 4A, 5A."));
            }

            grade = digits[0] - '0';
        }

        DateOnly? gradeEvaluatedOn = null;
        if (columns.ContainsKey(GradeEvaluatedOnColumn) && Field(GradeEvaluatedOnColumn) is { Length: > 0 } gradeDate)
        {
            if (!IsDate(gradeDate, out var parsed))
            {
                return (null, Reject("date-format", GradeEvaluatedOnColumn,
                    $"'{GradeEvaluatedOnColumn}' is a date YYYY-MM-DD."));
            }

            gradeEvaluatedOn = parsed;
        }

        var policed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, textKind) in PolicedFields)
        {
            try
            {
                policed[field] = TextPolicy.Apply(Field(field), textKind, TextPolicy.DefaultMaxLength(textKind));
            }
            catch (TextPolicyException e)
            {
                return (null, Reject(e.Rule, field, e.Message));
            }
        }

        return (new ParsedRow(lineNumber, new ImportOrganization(code, policed["name"], kind, policed["office"],
            registeredOn, policed["legalRepresentative"], status, grade, $"{source} line {lineNumber}")
        {
            GradeEvaluatedOn = gradeEvaluatedOn,
        }), null);
    }

    private static readonly (string Field, TextKind Kind)[] PolicedFields =
        [("name", TextKind.Line), ("office", TextKind.Line), ("legalRepresentative", TextKind.PersonName)];

    /// <summary>A row ready for its grain.</summary>
    public sealed record ParsedRow(long Line, ImportOrganization Command);

    /// <summary>Counts of one run, shared by the reader and the grain calls; rejections wait here for the next report.</summary>
    private sealed class Run
    {
        public long Rows;
        public long Imported;
        public long AlreadyStored;
        public long Rejected;
        public long Done;
        private readonly ConcurrentQueue<OrganizationImportRejection> pending = new();
        private readonly ConcurrentDictionary<string, long> byRule = new(StringComparer.Ordinal);

        public void Reject(OrganizationImportRejection rejection)
        {
            // Counted in byRule before Rejected, so a report's figures by rule are never fewer than its total.
            byRule.AddOrUpdate(rejection.Rule, 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref Rejected) <= OrganizationImportJobDetails.MaxStoredRejections)
            {
                pending.Enqueue(rejection);
            }
        }

        /// <summary>A row refused while reading: done without a grain call.</summary>
        public void Skipped() => Interlocked.Increment(ref Done);

        /// <summary>The counts now and the rejections not yet reported.</summary>
        public OrganizationImportProgress Take()
        {
            var rejections = new List<OrganizationImportRejection>();
            while (pending.TryDequeue(out var rejection))
            {
                rejections.Add(rejection);
            }

            return new OrganizationImportProgress(Interlocked.Read(ref Rows), Interlocked.Read(ref Imported),
                Interlocked.Read(ref AlreadyStored), Interlocked.Read(ref Rejected),
                byRule.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value), rejections);
        }
    }
}
