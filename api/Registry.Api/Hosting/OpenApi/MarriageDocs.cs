using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Api.Contracts.Calendars;
using Registry.Api.Contracts.Marriages;
using Registry.Api.Contracts.Persons;
using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>The marriage registry: marriages, divorce applications, persons and the access log.</summary>
internal static class MarriageDocs
{
    private static readonly string[] IdNumber = ["id-number-format", "id-number-check-character",
        "id-number-birth-date", "id-number-address-code", "document-type-mismatch", "residence-permit-format",
        "residence-permit-check-character", "residence-permit-birth-date", "permanent-residence-id-format",
        "permanent-residence-id-check-character", "permanent-residence-id-nationality",
        "permanent-residence-id-birth-date", "travel-permit-format", "passport-country", "passport-number-format",
        "document-unrecorded", "unrecorded-party-format"];

    private static readonly string[] Office = ["office-code-format", "office-unknown", "office-level",
        "office-not-in-force"];

    private static readonly string[] Marriage = ["marriage-id-format", "marriage-not-found"];

    private static readonly string[] Application = ["divorce-application-id-format", "divorce-application-not-found"];

    // What a link of a document and its undo both check: the two documents, the office, the person records' holds.
    private static readonly string[] DocumentLink = [.. IdNumber, .. Office, "document-type",
        "registration-in-progress", "person-is-linked", "person-being-linked", "field-too-long"];

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["RegisterMarriage"] = Op(
                "Registers a marriage at an office (a county- or city-level division in force; any office may " +
                "register two mainland residents): both parties present, both declarations made (Civil Code art. " +
                "1049), legal age (art. 1047), neither married. A party is identified by a document: resident ID " +
                "(default), residence permit of a Hong Kong, Macao or Taiwan resident, Mainland Travel Permit, " +
                "foreigner's permanent residence ID or passport with its country; sex and birth date are given " +
                "where the document does not carry them. A marriage with a party who is not a mainland resident is " +
                "registered only at a designated office (the province's department XX0000, or one configured). 201 " +
                "with the record id and the J certificate number.",
                [.. IdNumber, .. Office, "office-not-designated", "document-data-mismatch", "birth-date-in-future",
                    "person-link-cycle", "person-declared-dead", "person-deceased", "under-legal-age", "person-already-married", "same-person",
                    "parties-not-opposite-sex", "declaration-missing", "both-parties-must-appear",
                    "registration-in-progress", "registration-interrupted", "person-being-linked",
                    "certificate-serials-exhausted", "field-too-long", "marriage-id-taken"]),
            ["EnterArchivedMarriage"] = Op(
                "Enters a marriage registered before the registry went live (补录): its original certificate number as " +
                "the paper writes it (the national format or an earlier one, unique in its office's register of its " +
                "year), date and office (a division code in force on that date, by the division history: a county-, " +
                "city- or province-level office, or the 9-digit code of a town or township, or before 2003-10-01 of " +
                "a street office, which registered marriages then; such a record counts in its county's registers " +
                "and statistics), the parties' documents as recorded then (15-digit ID numbers converted; a party " +
                "the paper names without a document, as records made before identity cards do, as documentType " +
                "unrecorded with sex and birth date and no number: such a party is the person " +
                "unrecorded:{RECORD-ID}-A or -B, to whom their card is linked when they come with it) and the " +
                "archive volume and page. The record counts for the never-twice rule and a person's status like any " +
                "other and is marked as entered from the archive. A marriage the archive shows as ended is entered " +
                "with its end (ended: a divorce registration with its L number and office in force on that day, a " +
                "court's divorce, a death naming who died by document or as partyA or partyB, or an annulment), " +
                "dated and voiding the marriage certificates as it did then; a person's archive entries may come in " +
                "any order, and are refused only where their periods overlap. Idempotent: the same entry again " +
                "answers 201 with the same record.",
                [.. IdNumber, "office-code-format", "office-unknown", "office-not-in-force", "office-level",
                    "archive-certificate-number-format", "archive-certificate-number-mismatch",
                    "certificate-number-taken", "archive-record-differs",
                    "registration-date-in-future", "registration-before-birth", "person-already-married",
                    "person-declared-dead", "person-deceased", "same-person", "parties-not-opposite-sex",
                    "document-data-mismatch", "registration-in-progress", "registration-interrupted",
                    "person-being-linked", "marriage-id-taken", "person-link-cycle", "field-too-long", "archived-end-date",
                    "party-not-in-marriage", "division-code-format", "unrecorded-party-number"]),
            ["ImportArchivedMarriages"] = Op("Imports records from the archive as CSV (text/csv, UTF-8): a header " +
                "line certificateNumber,registeredOn,office,volume,page, then for party A and B each " +
                "documentType,number,country,sex,birthDate,name,nationality, optionally followed by the marriage's " +
                "end: endKind,endedOn,endReference,endAuthority,endParty (empty for one in force). Each line is " +
                "entered as by " +
                "POST /api/marriages/archive-entries, one after the other; a refused line is reported with its rule " +
                "and the import goes on. Idempotent: lines already entered count as stored again. At most 50,000 " +
                "lines a request.", ["csv-header"]),
            ["GetMarriage"] = Op("A marriage record with its certificates, divorce applications and history; the " +
                "read is written to the access log first.", Marriage),
            ["ReplaceCertificate"] = Op("Replaces a party's certificate (BJ, or BL after a divorce); the old " +
                "number stays on record as void. A marriage with a party who is not a mainland resident is served " +
                "only at a designated office.", [.. Marriage, .. IdNumber, .. Office, "party-not-in-marriage",
                    "office-not-designated",
                    "marriage-annulled", "certificate-serials-exhausted"]),
            ["VerifyCertificate"] = Op("Verifies a certificate by its number for a registrar: valid, void (with the " +
                "reason) or replaced, with the holders' names and numbers masked. A number of the national format " +
                "alone; a number of an earlier format, carried by a record from the archive (京东结字第0123号), with " +
                "the `office` and `year` that issued it (such a number is unique only in its office's register of " +
                "its year).",
                ["certificate-number-format", "certificate-number-qualified", "field-required",
                    "division-code-format", "value-out-of-range", "unknown-query-parameter", "certificate-not-found"]),
            ["RecordDeath"] = Op("Records the death of a spouse (death certificate or household deregistration " +
                "reference): the marriage ends on that day, the survivor is widowed and may remarry.",
                [.. Marriage, .. IdNumber, "date-format", "party-not-in-marriage", "marriage-dissolved",
                    "death-before-registration", "death-date-in-future"]),
            ["RecordJudgment"] = Op("Records a court judgment as a new history entry: annulment (the marriage " +
                "never was), correction of a party's name or nationality, or a declaration of death.",
                [.. Marriage, .. IdNumber, "judgment-kind", "date-format", "judgment-date-in-future",
                    "judgment-before-registration", "judgment-already-recorded", "marriage-already-annulled",
                    "party-not-in-marriage", "correction-empty", "field-too-long", "registration-in-progress",
                    "person-being-linked"]),
            ["ApplyForDivorce"] = Op("Receives a divorce application (Civil Code art. 1076-1077) at an office. Both " +
                "parties apply together, in person: one entry per party in parties, each naming the identity " +
                "document the party presented (the one the marriage was registered with), appearing in person, " +
                "having signed the written agreement and making their own declarations (voluntary, truthful); the " +
                "agreement states the wish to divorce and the arrangements for children, property and debts. 201 " +
                "with the receipt, the end of the 30-day cooling-off period and the last day both parties may " +
                "appear (a period ending on a rest day ends on the next working day). A marriage with a party who is " +
                "not a mainland resident is served only at a designated office.",
                [.. Marriage, .. Office, .. IdNumber, "marriage-not-current", "divorce-application-open",
                    "office-not-designated",
                    "field-too-long", "party-not-in-marriage", "divorce-party-missing", "divorce-party-duplicate",
                    "party-must-appear-in-person", "divorce-agreement-not-signed", "divorce-declaration-missing",
                    "divorce-agreement-incomplete"]),
            ["GetDivorceApplication"] = Op("A divorce application and where it stands today (cooling off, " +
                "window open, withdrawn, deemed withdrawn, registered).", Application),
            ["WithdrawDivorceApplication"] = Op("Withdraws the application at one party's request, during " +
                "cooling-off only.", [.. Application, .. IdNumber, "party-not-in-marriage", "cooling-off-over"]),
            ["RegisterDivorce"] = Op("Registers the divorce inside the window, at the receiving office: one entry " +
                "per party in parties, each appearing in person with the document the party was registered with and " +
                "confirming the divorce; 201 with the L certificate.", [.. Application, .. Office, .. IdNumber,
                    "cooling-off-not-over", "cooling-off-over", "divorce-office-mismatch", "party-not-in-marriage",
                    "divorce-party-missing", "divorce-party-duplicate", "party-must-appear-in-person",
                    "divorce-not-confirmed", "certificate-serials-exhausted"]),
            ["LoadHolidayCalendar"] = Op("Loads a year's holiday calendar as the State Council's notice sets it " +
                "(admin only): the public holidays and the weekend days worked instead, with the notice's " +
                "reference. Validated (every date in the year and listed once, no day both a holiday and a working " +
                "day, working days only on Saturdays and Sundays, at least one holiday). The same content again " +
                "stores nothing (200); different content for the year is stored as the next version (201), the " +
                "earlier kept in the year's history. Then every open divorce application whose deadlines were " +
                "provisional in that year is recomputed, only ever later, with an entry in its history.",
                "calendar-year", "calendar-without-holidays", "calendar-date-outside-year", "calendar-day-repeated",
                "calendar-day-both", "calendar-working-day-not-weekend", "field-too-long"),
            ["GetHolidayCalendars"] = Op("The loaded holiday calendars, the version in force of each year; a " +
                "deadline falling in a year not listed is provisional (weekends only)."),
            ["GetHolidayCalendar"] = Op("Every version of a year's holiday calendar, oldest first.", "calendar-year",
                "holiday-calendar-not-found"),
            ["GetMaritalStatus"] = Op("A person's marital status with the marriage records naming them; the " +
                "read is written to the access log first.", IdNumber),
            ["GetPersonHistory"] = Op("The history of a person record's documents: each link of a document to the " +
                "person and each undo (linked-to and unlinked-from on the document's own record, document-linked " +
                "and document-unlinked on the person's), with who recorded it, when, at which office and why, and " +
                "how many marriage records moved with it; and the documents linked now. A document linked to " +
                "another person record answers that record's history. The read is written to the access log first.",
                IdNumber),
            ["IssueMarriageRecordExtract"] = Op("Issues a marriage-record extract (婚姻登记记录证明) for any " +
                "person, whatever their status, at the registrar's office: every marriage record naming the person " +
                "(registered or entered from the archive), oldest first, with its status (in force, divorced, " +
                "ended by death, annulled...), or the statement that the registry holds none. Numbered Z + office + " +
                "year + serial (e.g. Z110101-2026-000001) and stored, so it can be read again by its number; the " +
                "read is written to the access log. 409 while a registration naming the person is in progress.",
                [.. IdNumber, .. Office, "registration-in-progress", "certificate-serials-exhausted"]),
            ["GetMarriageRecordExtract"] = Op("A marriage-record extract as it was issued, by its number; the " +
                "read is written to the access log first.", ["extract-number-format", "extract-not-found"]),
            ["LinkDocument"] = Op("Links another identity document to a person (a renewed passport, a corrected " +
                "ID number): every registration and read of that document then goes to the person's record, so " +
                "the never-twice rule holds across the person's documents. Where the document already names " +
                "marriages of its own, the person's record takes them over, with the documents linked to it, and " +
                "the person has one history, oldest first; refused where the two cannot be one person's (of " +
                "different sexes, one record naming both, marriages that overlap, or a marriage after the " +
                "other's recorded death), and leaving both as they were. A party an archive record names without " +
                "a document (unrecorded:{RECORD-ID}-A) is identified this way when they come with their card, " +
                "which must be of the record's sex, whether or not the card names later marriages: the card linked " +
                "to the party, or the party (documentType unrecorded, number {RECORD-ID}-A) linked to the card, " +
                "which then keeps the person record. While the link " +
                "is being made the document is held for no registration (409 person-being-linked); a link cut " +
                "short completes when it is asked again.", [.. DocumentLink, "link-to-itself",
                    "document-already-linked", "linked-document-differs", "link-to-spouse", "linked-records-overlap",
                    "linked-record-after-death", "marriage-not-found"]),
            ["UnlinkDocument"] = Op("Undoes a link made in error (the body names the document as the link did, " +
                "with the reason for the undo): the document becomes a person record of its own again, with the " +
                "documents linked to it and every marriage record naming any of them (those it brought to the link " +
                "and those registered with it since), and the person keeps the rest. While it is undone the " +
                "document is held for no registration (409 person-being-linked); an undo cut short completes when " +
                "it is asked again. 200 with both keys.", [.. DocumentLink, "document-not-linked"]),
            ["SearchPersons"] = Op("Searches persons by their whole name as the marriage records give it (white " +
                "space and the case of Latin letters ignored; a name a court corrected finds the person under both): " +
                "each person's document key, other documents and marital status, a page of at most 50 at a time " +
                "(truncated says more matched; pass 'next' as 'after' for the following page). The order is that of " +
                "a digest of the first document by which each bears the name, and 'next' is the last person's " +
                "digest (it names no one in a URL), so a registration between two pages neither repeats a person " +
                "nor shifts the pages (one whose digest sorts before the page is found by a new search). Read from " +
                "the partitions of the person-name index the name falls in. Every search is written to the access " +
                "log with the user, the query and the number of results, and each person shown as a read of their " +
                "status like GET /api/persons/{idNumber}/marital-status (not those read only to know that more " +
                "follow).",
                ["field-required", "field-too-long", "limit-range", "cursor-invalid"]),
            ["GetOfficeRegister"] = Op("An office's marriage register for a day (default today): the marriages " +
                "registered, divorces registered, records entered from the archive (under the office that " +
                "registered them, on the day they were entered) and certificates replaced, with the record ids, " +
                "certificate numbers and the parties' documents masked. From the office-day read model; a " +
                "marriage registrar reads their own office's, admin any office's.",
                ["office-code-format", "date-format", "office-claim-missing", "office-jurisdiction"]),
            ["GetDueDivorceApplications"] = Op("The divorce applications of an office whose parties are due to " +
                "appear on a date (default today): the 30-day cooling-off has ended and the 30 days to appear " +
                "(Civil Code art. 1077) are open, each with its last day to appear, earliest first. A marriage " +
                "registrar reads their own office's, admin any office's.",
                ["office-code-format", "date-format", "office-claim-missing", "office-jurisdiction"]),
            ["GetAccessLog"] = Op("Reads of person data (and refusals that disclose a person's status) in a " +
                "period of the bureau's days (one 'date', or 'from'-'to' of at most 366 days; default today), " +
                "optionally of one person and/or by one user, oldest first, a page at a time (pass 'next' as " +
                "'after'); ID numbers masked (first 6, last 4 characters). The log is append-only: one entry per " +
                "read, stored before the read is answered.",
                [.. IdNumber, "date-format", "access-log-period", "limit-range", "cursor-invalid",
                    "field-too-long"]),
        },
        Parameters = new Dictionary<string, string>
        {
            ["GetHolidayCalendar:year"] = "The year, 4 digits.",
            ["VerifyCertificate:number"] = "The certificate number: J, L, BJ or BL, the office's 6-digit code, " +
                "'-', the year, '-', a 6-digit serial (J110101-2026-000001); or, for a record from the archive, the " +
                "number of an earlier format as the paper certificate writes it (京东结字第0123号), with office and year.",
            ["VerifyCertificate:office"] = "Only with a number of an earlier format (from the archive): the 6-digit " +
                "division code of the office that issued it, as the paper certificate shows.",
            ["VerifyCertificate:year"] = "Only with a number of an earlier format (from the archive): the year it " +
                "was issued (the registration's, or the divorce's for an L number), as the paper certificate shows.",
            ["GetMarriage:id"] = "The marriage record id (32 lower-case hexadecimal digits), as answered by " +
                "POST /api/marriages.",
            ["ReplaceCertificate:id"] = "The marriage record id (32 lower-case hexadecimal digits).",
            ["RecordJudgment:id"] = "The marriage record id (32 lower-case hexadecimal digits).",
            ["RecordDeath:id"] = "The marriage record id (32 lower-case hexadecimal digits).",
            ["GetDivorceApplication:id"] = "The divorce application id: the marriage id, '-', the application's " +
                "number, as answered by POST /api/divorce-applications.",
            ["WithdrawDivorceApplication:id"] = "The divorce application id (marriage id, '-', number).",
            ["RegisterDivorce:id"] = "The divorce application id (marriage id, '-', number).",
            ["idNumber"] = "The key of a person's identity document: an 18-character resident ID number (GB " +
                "11643-1999; 15-digit numbers converted), residence permit or permanent residence ID number, or " +
                "hkmo-permit:H12345678, tw-permit:12345678, passport:USA:E12345678.",
            ["GetMarriageRecordExtract:number"] = "The extract's number: Z, the issuing office's 6-digit code, " +
                "the year and a 6-digit serial (e.g. Z110101-2026-000001), as answered when it was issued.",
            ["GetOfficeRegister:office"] = "The office's 6-digit division code.",
            ["GetOfficeRegister:date"] = "The day (YYYY-MM-DD) of the register; default today.",
            ["GetDueDivorceApplications:office"] = "The office's 6-digit division code.",
            ["GetDueDivorceApplications:date"] = "The day (YYYY-MM-DD) the parties would appear; default today.",
            ["SearchPersons:name"] = "A person's whole name, as recorded (e.g. 张伟).",
            ["SearchPersons:limit"] = "Persons per page (1-50, default 50).",
            ["SearchPersons:after"] = "The 'next' of the previous page (32 hexadecimal digits), to continue after it.",
            ["date"] = "The day (YYYY-MM-DD) whose reads are listed; default today.",
            ["GetAccessLog:from"] = "The first day of the period (YYYY-MM-DD); 'to' defaults to today.",
            ["GetAccessLog:to"] = "The last day of the period (YYYY-MM-DD), inclusive.",
            ["GetAccessLog:after"] = "The 'next' of the previous page, to continue after it.",
            ["GetAccessLog:limit"] = "Entries per page (1-1000, default 100).",
            ["subject"] = "Only reads of this person (the key of their document, as idNumber).",
            ["actor"] = "Only reads by this user (the token's name).",
        },
        Requests = new Dictionary<Type, RequestDoc>
        {
            [typeof(RegisterMarriageRequest)] = Body(x => new RegisterMarriageRequest(x.County,
                    new MarriagePartyRequest(x.Man, "张伟", "中国"), new MarriagePartyRequest(x.Woman, "李娜", "中国"),
                    new MarriageDeclarationsRequest(true, true), true),
                "partyA", "partyB"),
            [typeof(MarriagePartyRequest)] = Body(x => new MarriagePartyRequest(x.Man, "张伟", "中国"),
                "idNumber", "name", "nationality"),
            [typeof(LinkDocumentRequest)] = Body(x => new LinkDocumentRequest(IdentityDocumentType.ResidentId,
                    x.Woman, null, "公安机关出具的身份证号码更正证明", x.County),
                "documentType", "number", "reason"),
            [typeof(ArchiveEntryRequest)] = Body(x => new ArchiveEntryRequest("J" + x.County + "-2010-000123",
                    DateOnly.Parse("2010-05-20"), x.County, new MarriagePartyRequest(x.Man, "张伟", "中国"),
                    new MarriagePartyRequest(x.Woman, "李娜", "中国"), new ArchiveSourceRequest("2010-婚-03", "57")),
                "certificateNumber", "registeredOn", "office", "partyA", "partyB", "source"),
            [typeof(ArchiveSourceRequest)] = Body(x => new ArchiveSourceRequest("2010-婚-03", "57"), "volume",
                "page"),
            [typeof(ArchivedEndRequest)] = Body(x => new ArchivedEndRequest(ArchivedEndKind.DivorceRegistration,
                    DateOnly.Parse("2015-09-01"), "L" + x.County + "-2015-000045", x.County, null),
                "kind", "endedOn", "reference", "authority"),
            [typeof(ReplaceCertificateRequest)] = Body(x => new ReplaceCertificateRequest(x.Man, x.County),
                "party"),
            [typeof(RecordJudgmentRequest)] = Body(x => new RecordJudgmentRequest(CourtJudgmentKind.Correction,
                    x.CountyName + "人民法院", "民事判决书", DateOnly.Parse(ExampleValues.Date(-10)),
                    "更正当事人姓名", x.Woman, "李娜娜", null),
                "kind", "court", "reference", "judgmentDate", "reason"),
            [typeof(DivorceApplicationRequest)] = Body(x => new DivorceApplicationRequest(x.MarriageId, x.County,
                    "离婚协议书", new DivorceAgreementContentsRequest(true, true, true, true),
                    [
                        new DivorceApplicantRequest(x.Man, true, true, new DivorceDeclarationsRequest(true, true)),
                        new DivorceApplicantRequest(x.Woman, true, true, new DivorceDeclarationsRequest(true, true)),
                    ]),
                "marriageId", "agreement", "agreementStates", "parties"),
            [typeof(DivorceApplicantRequest)] = Body(x => new DivorceApplicantRequest(x.Man, true, true,
                new DivorceDeclarationsRequest(true, true)), "idNumber", "appearedInPerson", "signedAgreement",
                "declarations"),
            [typeof(DivorceDeclarationsRequest)] = Body(_ => new DivorceDeclarationsRequest(true, true), "voluntary",
                "truthful"),
            [typeof(DivorceAgreementContentsRequest)] = Body(_ => new DivorceAgreementContentsRequest(true, true, true,
                true), "wishToDivorce", "children", "property", "debts"),
            [typeof(DivorceAppearanceRequest)] = Body(x => new DivorceAppearanceRequest(x.Man, true, true),
                "idNumber", "appearedInPerson", "confirmsDivorce"),
            [typeof(WithdrawalRequest)] = Body(x => new WithdrawalRequest(x.Man, "双方和好"), "party"),
            [typeof(DivorceRegistrationRequest)] = Body(x => new DivorceRegistrationRequest(x.County,
                    [new DivorceAppearanceRequest(x.Man, true, true), new DivorceAppearanceRequest(x.Woman, true, true)]),
                "parties"),
            [typeof(LoadHolidayCalendarRequest)] = Body(_ => new LoadHolidayCalendarRequest(2026,
                    "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
                    [.. new[] { "2026-01-01", "2026-01-02", "2026-01-03", "2026-10-01", "2026-10-02" }
                        .Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))],
                    [DateOnly.Parse("2026-01-04", System.Globalization.CultureInfo.InvariantCulture)]),
                "year", "reference", "holidays"),
            [typeof(MarriageRecordExtractRequest)] = Body(x => new MarriageRecordExtractRequest(x.County)),
            [typeof(RecordDeathRequest)] = Body(x => new RecordDeathRequest(x.Woman, DateOnly.Parse(ExampleValues.Date(-5)),
                    DeathProof.DeathCertificate, "医学死亡证明 " + x.County + "-0001", x.CountyName + "人民医院"),
                "party", "diedOn", "proof", "proofReference", "issuedBy"),
        },
        RawBodies = new Dictionary<string, Func<ExampleValues, object>>
        {
            ["ImportArchivedMarriages"] = x =>
                "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex,aBirthDate," +
                "aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality\n" +
                $"J{x.County}-2010-000123,2010-05-20,{x.County},2010-婚-03,57,,{x.Man},,,,张伟,中国,,{x.Woman},,,," +
                "李娜,中国\n",
        },
    };
}
