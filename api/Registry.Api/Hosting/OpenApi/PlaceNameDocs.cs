using Registry.Api.Contracts.Places;
using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Place names (<c>/api/place-names</c>).</summary>
internal static class PlaceNameDocs
{
    private static readonly string[] Id = ["place-name-id-format", "place-name-not-found"];

    private static readonly string[] Spelling = ["place-name-han", "place-name-length", "romanization-characters",
        "romanization-capitalisation", "romanization-syllable", "romanization-syllable-count", "romanization-reading",
        "romanization-apostrophe", "romanization-word-separation"];

    private const string ChangeNumber =
        "The change's number within the record, from 1 (a proposal answers the record with its change last).";

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["PlaceNamesReject"] = Op("Rejects a proposal with the reasons; the record stays as history with status " +
                "rejected and the name may be proposed again.", "field-required", "date-format",
                "place-name-not-found", "place-name-status"),
            ["PlaceNamesPropose"] = Op(
                "Proposes a standard place name: Han characters with a reading in the shipped table, the Hanyu " +
                "Pinyin spelling per GB/T 16159, one of the eight categories, the division code (recorded and in " +
                "force) and a GeoJSON location (Point, LineString or Polygon) that lies in the outline of the division " +
                "or of its nearest ancestor with one (a point inside; at least 90 % of a line's length or a polygon's " +
                "area; with no outline up the lineage any valid location). Homophones and duplicates in the " +
                "name's scope are refused (409, listing them). 201 with the record.",
                [.. Spelling, "place-name-alias", "place-category", "division-code-format", "place-division-unknown",
                    "place-division-not-in-force", "geometry-type", "geometry-outside-division",
                    "geometry-coordinates", "geometry-empty", "geometry-invalid", "place-name-duplicate",
                    "place-name-exists"]),
            ["PlaceNamesImportNamesInForce"] = Op("Enters names already in force (national office only) from a " +
                "CSV body (`text/csv`, UTF-8: a header naming name, romanization, category, divisionCode, geometry, " +
                "approvingAuthority, approvedOn, status in any order; geometry as WKT or GeoJSON text, may be empty) " +
                "or a GeoJSON FeatureCollection (`application/geo+json`: the same properties, the feature's " +
                "geometry). Each row enters with status recorded: characters, category, division in force and " +
                "geometry are checked as for a proposal, an empty romanization takes the likely spelling of the " +
                "1984 rules, a given one must be one the rules allow, approvingAuthority and approvedOn go together; " +
                "status is empty or recorded. A row that duplicates or sounds like a current name is recorded and " +
                "flagged (place-name-duplicate), never refused. The body is checked first (400 and no job), then " +
                "the import runs as a job: 202 with the job at once; GET it for the rows read, recorded, already " +
                "stored, rejected and flagged so far. Re-running a file records nothing twice (alreadyStored). " +
                "wait=true answers 200 with the finished job. The rules below are those of the report's rows.",
                [.. Spelling, "import-columns", "import-geojson", "import-row-malformed", "import-duplicate-row",
                    "import-status", "field-required", "place-category", "division-code-format",
                    "place-division-unknown", "place-division-not-in-force", "date-format", "approval-incomplete",
                    "approval-date-future", "geometry-invalid", "geometry-type", "geometry-coordinates",
                    "geometry-outside-division",
                    "geometry-empty", "place-name-exists", "place-name-duplicate", "text-too-long",
                    "text-malformed", "text-forbidden-character"]),
            ["PlaceNamesGetNamesImport"] = Op("An import of names in force while it runs and after: status, rows " +
                "read, recorded, already stored, rejected (by rule) and flagged, the first 100 refused and flagged " +
                "rows, and the report's address.", "import-not-found"),
            ["PlaceNamesGetNamesImportReport"] = Op("An import's report as CSV (UTF-8 with BOM; Excel opens it): " +
                "each refused or flagged row with its line, name, outcome, rule, field and message.",
                "import-not-found"),
            ["PlaceNamesSearch"] = Op("One search box: q finds a name by its Han characters or its pinyin (with " +
                "or without tone marks or spaces), or a fragment of either, among the names in force, aliases and " +
                "former names (before a rename took effect). Ranked: the whole name first, then names beginning " +
                "with the text, then fragments; the name in force before an alias before a former name; higher " +
                "division levels and larger kinds of place first. Each hit says which name matched (matchedName, " +
                "matchedAs, matchedCurrent). Filters: spelling fragment, category, division (with its " +
                "sub-divisions), box or nearest to a point; a page at a time. Anonymous callers see announced and " +
                "external reference names; the registrar sees every state.",
                "place-category", "division-code-format", "coordinates-format", "coordinates-range", "limit-range",
                "paging-range", "boolean-format"),
            ["PlaceNamesAnnouncements"] = Op("The announcement feed: names announced since a date, newest first, " +
                "a page at a time. Public.", "date-format", "limit-range", "paging-range"),
            ["PlaceNamesSuggestSpelling"] = Op("Suggests the Hanyu Pinyin spelling of a name for a category from " +
                "the first reading of each character, and lists every reading. Public.", "field-required",
                "place-category", "place-name-han", "place-name-length"),
            ["PlaceNamesRebuildIndex"] = Op("Builds every search-index partition's stored entries again from the " +
                "place-name records, e.g. after a bulk import into a running service (never needed to start: the " +
                "index starts from its own stored entries). 202."),
            ["PlaceNamesGetPlaceName"] = Op("A place name with its current and historical names. Public once " +
                "announced (and for external reference names); the registrar sees every state.", Id),
            ["PlaceNamesGetPlaceNameHistory"] = Op("Every change of a place name with its date, who and why.", Id),
            ["PlaceNamesApprove"] = Op("Records the approval of a proposed name by an authority on a date (not " +
                "before the proposal, not in the future).", [.. Id, "date-format", "place-name-status",
                    "approval-date-before-proposal", "approval-date-future", "place-name-external"]),
            ["PlaceNamesAnnounce"] = Op("Announces an approved name today: it becomes public and enters the " +
                "announcement feed.", [.. Id, "place-name-status", "place-name-not-approved", "place-name-external"]),
            ["PlaceNamesProposeRename"] = Op("Proposes a rename from an effective date, which may lie in the " +
                "future. The new name is checked like a proposal and its keys are held from now; the name in force " +
                "changes only once the rename is approved and its effective date comes, and the old name stays as " +
                "a historical name with its dates. 201 with the record; the change is the last of its changes.",
                [.. Id, .. Spelling, "date-format", "place-name-status", "place-name-change-pending",
                    "place-name-unchanged", "rename-effective-date", "place-name-duplicate", "place-name-external"]),
            ["PlaceNamesProposeAbolition"] = Op("Proposes the abolition of the name from an effective date (today " +
                "when absent; it may lie in the future). The name stays in force until the abolition is approved " +
                "and its date comes; the record and its names stay as history. 201 with the record.",
                [.. Id, "date-format", "place-name-status", "place-name-change-pending", "abolition-effective-date",
                    "place-name-external"]),
            ["PlaceNamesApproveChange"] = Op("Records the approval of a proposed rename or abolition by an " +
                "authority on a date (not before its proposal, not in the future); it takes effect on its " +
                "effective date.", [.. Id, "place-name-change-number", "place-name-change-not-found", "date-format",
                    "place-name-change-status", "approval-date-before-proposal", "approval-date-future",
                    "place-name-external"]),
            ["PlaceNamesAnnounceChange"] = Op("Announces an approved rename or abolition today: it becomes public.",
                [.. Id, "place-name-change-number", "place-name-change-not-found", "place-name-change-not-approved",
                    "place-name-external"]),
            ["PlaceNamesRejectChange"] = Op("Refuses a proposed rename or abolition with reasons; a refused " +
                "rename's new name is free again.", [.. Id, "place-name-change-number", "place-name-change-not-found",
                    "field-required", "date-format", "place-name-change-status", "rejection-date",
                    "place-name-external"]),
            ["PlaceNamesAssignHouseNumber"] = Op("Issues a house-number plate and its certificate (门牌证) on an " +
                "approved or announced street whose location is a line: the number as written (12, 甲12号, 12-1, " +
                "12之1; 12-1 and 12之1 are one number), odd base numbers on the left and even on the right facing " +
                "along the line from its first vertex (左单右双), within 1 km of the line, base numbers rising from " +
                "the origin on each side, a sub-number only beside its issued base number; each number once per " +
                "street. 201 with the plate.", [.. Id, "house-number-format", "house-number-street-line",
                    "house-number-side", "house-number-on-line", "house-number-distance", "house-number-duplicate",
                    "house-number-order", "house-number-sub-without-base", "place-name-status", "geometry-type",
                    "geometry-coordinates"]),
            ["PlaceNamesGetHouseNumbers"] = Op("The house-number plates of a street, one block of 100 base numbers " +
                "per page (page 1: 1-99, page 2: 100-199, ...) in address order, and how many pages the street has. " +
                "Public once the street is announced.", [.. Id, "paging-range"]),
            ["PlaceNamesSetSign"] = Op("Records a sign or plate the bureau set along an approved or announced " +
                "street: a road or lane sign (no address), or a building, door or unit plate at an issued house " +
                "number (a building plate names its building, a unit plate its unit). 201 with the sign and its " +
                "serial.", [.. Id, "field-required", "date-format", "place-sign-kind", "place-sign-label",
                    "place-sign-address", "place-sign-street", "place-sign-date", "place-sign-house-number",
                    "house-number-format", "place-name-status", "place-name-external"]),
            ["PlaceNamesGetSigns"] = Op("The signs and plates of a street by serial, with their condition and " +
                "upkeep, a page at a time.", [.. Id, "limit-range", "paging-range"]),
            ["PlaceNamesRecordSignCondition"] = Op("Records that a sign was maintained, replaced or removed on a " +
                "date (from its last change to today); a removed sign takes no further change.", [.. Id,
                    "field-required", "date-format", "place-sign-serial", "place-sign-condition", "place-sign-date",
                    "place-sign-removed", "place-sign-not-found"]),
        },
        Parameters = new Dictionary<string, string>
        {
            ["id"] = "The place-name record id, as answered by POST /api/place-names (the street's id for house " +
                "numbers).",
            ["importId"] = "The import's id, as answered by POST /api/place-names/imports.",
            ["PlaceNamesImportNamesInForce:source"] = "The file's name, kept in each recorded name's history with the " +
                "row's line (e.g. 某县地名档案2026年导出.csv).",
            ["PlaceNamesImportNamesInForce:wait"] = "true: answer 200 with the finished job instead of 202 at once; " +
                "false (default).",
            ["PlaceNamesApproveChange:number"] = ChangeNumber,
            ["PlaceNamesAnnounceChange:number"] = ChangeNumber,
            ["PlaceNamesRejectChange:number"] = ChangeNumber,
            ["PlaceNamesGetHouseNumbers:page"] = "The block of base numbers, from 1 (1-99).",
            ["PlaceNamesGetSigns:page"] = "The page, from 1.",
            ["PlaceNamesGetSigns:limit"] = "Signs per page.",
            ["serial"] = "The sign's serial within its street, from 1.",
            ["q"] = "The name or a fragment of it, in Han characters or pinyin (tone marks, spaces, apostrophes and " +
                "case are ignored), e.g. 南京东路, Nanjing Donglu, nanjingdonglu, Nánjīng Dōnglù or nanjing dong.",
            ["romanization"] = "A fragment of the spelling; tones, spaces and apostrophes are ignored.",
            ["category"] = "natural-feature, administrative-division, village-seat, park, street, " +
                "residential-area, facility or landmark.",
            ["division"] = "A division code; the names in it and its sub-divisions (code prefix).",
            ["PlaceNamesSearch:bbox"] = "A box: minLon,minLat,maxLon,maxLat in decimal degrees (WGS84).",
            ["near"] = "lon,lat: the names nearest this point by great-circle distance, nearest first.",
            ["PlaceNamesSearch:limit"] = "Results per page.",
            ["PlaceNamesAnnouncements:limit"] = "Results per page.",
            ["PlaceNamesSearch:page"] = "The page, from 1.",
            ["PlaceNamesAnnouncements:page"] = "The page, from 1.",
            ["includeHistorical"] = "true: also abolished and rejected names (former names of places in force are " +
                "always searched).",
            ["since"] = "The date (YYYY-MM-DD) from which announcements are listed.",
            ["PlaceNamesSuggestSpelling:name"] = "The name in Han characters, e.g. 东华门街道.",
        },
        Requests = new Dictionary<Type, RequestDoc>
        {
            [typeof(RejectPlaceNameRequest)] = Body(_ => new RejectPlaceNameRequest("与相邻乡镇的地名重名，且未征求当地群众意见",
                ExampleValues.Date(0)), "reasons"),
            [typeof(ProposePlaceNameRequest)] = Body(x => new ProposePlaceNameRequest(x.TownshipName,
                    x.TownshipRomanization, "administrative-division", x.Township, ExampleValues.GeoJsonOf(x.Point),
                    "以辖区内主要地名命名", x.CountyName + "境内"),
                "name", "romanization", "category", "divisionCode"),
            [typeof(ApprovePlaceNameRequest)] = Body(x => new ApprovePlaceNameRequest(x.CountyName + "人民政府",
                ExampleValues.Date(0)), "authority", "date"),
            [typeof(RenamePlaceNameRequest)] = Body(x => new RenamePlaceNameRequest(x.NeighbourTownshipName,
                    x.NeighbourTownshipRomanization, ExampleValues.Date(30), "街道更名批复"),
                "name", "romanization", "effectiveDate", "reason"),
            [typeof(AbolishPlaceNameRequest)] = Body(_ => new AbolishPlaceNameRequest(ExampleValues.Date(30),
                "街道撤销批复"), "reason"),
            [typeof(HouseNumberRequest)] = Body(x => new HouseNumberRequest("12-1", ExampleValues.GeoJsonOf(x.Point)),
                "number", "location"),
            [typeof(PlaceSignRequest)] = Body(_ => new PlaceSignRequest("unit-plate", "12号", null, "2单元",
                ExampleValues.Date(0)), "kind", "setOn"),
            [typeof(SignConditionRequest)] = Body(_ => new SignConditionRequest("replaced", ExampleValues.Date(0),
                "褪色更换"), "condition", "date"),
        },
        RawBodies = new Dictionary<string, Func<ExampleValues, object>>
        {
            ["PlaceNamesImportNamesInForce"] = ExampleNamesInForce,
        },
    };

    // The example file's row: the examples' township as the administrative-division name it is, no geometry.
    private static string ExampleNamesInForce(ExampleValues x) =>
        "name,romanization,category,divisionCode,geometry,approvingAuthority,approvedOn,status\n" +
        $"{x.TownshipName},{x.TownshipRomanization},administrative-division,{x.Township},,{x.CountyName}人民政府," +
        $"{ExampleValues.Date(-10 * 365)},recorded\n";
}
