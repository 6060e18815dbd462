namespace Registry.Grains;

/// <summary>
/// Names shared by <c>[PersistentState]</c> attributes and the silo's storage registration. Stored data is found
/// by these names: never change one once data exists.
/// </summary>
public static class StorageNames
{
    /// <summary>The grain-storage provider every Registry grain uses.</summary>
    public const string Provider = "registry";

    /// <summary>State name of <see cref="Divisions.DivisionGrain"/>.</summary>
    public const string Division = "division";

    /// <summary>Grain type of <see cref="Divisions.DivisionGrain"/>; part of every stored division's grain id.</summary>
    public const string DivisionGrainType = "division";

    /// <summary>State name and grain type of <see cref="Divisions.DivisionChangeGrain"/>.</summary>
    public const string DivisionChange = "division-change";

    /// <summary>State name and grain type of <see cref="Divisions.DivisionDirectoryGrain"/> (name search and change
    /// lists: the list of its parts).</summary>
    public const string DivisionDirectory = "division-directory";

    /// <summary>State name and grain type of <see cref="Divisions.DivisionDirectoryPartGrain"/> (the directory's
    /// entries of one prefecture's divisions).</summary>
    public const string DivisionDirectoryPart = "division-directory-part";

    /// <summary>Grain type of <see cref="Divisions.DivisionHistoryVersionGrain"/> (no state).</summary>
    public const string DivisionHistoryVersion = "division-history-version";

    /// <summary>State name and grain type of <see cref="Boundaries.DivisionGeometryGrain"/>.</summary>
    public const string DivisionGeometry = "division-geometry";

    /// <summary>State name and grain type of <see cref="Boundaries.BoundaryLineGrain"/>.</summary>
    public const string BoundaryLine = "boundary-line";

    /// <summary>State name and grain type of <see cref="Boundaries.BoundaryMarkerGrain"/>.</summary>
    public const string BoundaryMarker = "boundary-marker";

    /// <summary>State name and grain type of <see cref="Boundaries.JointInspectionGrain"/>.</summary>
    public const string JointInspection = "joint-inspection";

    /// <summary>Grain type of <see cref="Boundaries.BoundaryReportGrain"/> (stateless).</summary>
    public const string BoundaryReport = "boundary-report";

    /// <summary>State name and grain type of <see cref="Boundaries.BoundaryReportModelGrain"/>.</summary>
    public const string BoundaryReportModel = "boundary-report-model";

    /// <summary>State name and grain type of <see cref="Spatial.SpatialTileGrain"/>. The state is the layout before
    /// stored pieces (only which records a tile holds): read once, its records asked and moved into the pieces, then
    /// emptied.</summary>
    public const string SpatialTile = "spatial-tile";

    /// <summary>State name and grain-id type of a tile's stored entries (<see cref="Indexing.StoredIndexPieces{TDoc}"/>,
    /// <see cref="Spatial.SpatialTileGrain.PieceCount"/> per tile); written only by
    /// <see cref="Spatial.SpatialTileGrain"/> and the geometry seeder.</summary>
    public const string SpatialTilePiece = "spatial-tile-piece";

    /// <summary>State name and grain type of <see cref="Spatial.SpatialRegionGrain"/> (which tiles are occupied).</summary>
    public const string SpatialRegion = "spatial-region";

    /// <summary>State name and grain type of <see cref="Boundaries.ImportJobGrain"/>.</summary>
    public const string ImportJob = "boundary-import";
    /// <summary>State name of <see cref="Marriages.MarriageGrain"/>.</summary>
    public const string Marriage = "marriage";

    /// <summary>Grain type of <see cref="Marriages.MarriageGrain"/>.</summary>
    public const string MarriageGrainType = "marriage";

    /// <summary>State name and grain type of <see cref="Marriages.OfficeRegisterGrain"/> (an office's register for
    /// a day).</summary>
    public const string OfficeRegister = "office-register";

    /// <summary>State name of <see cref="Marriages.CertificateCounterGrain"/>.</summary>
    public const string CertificateCounter = "certificate-counter";

    /// <summary>Grain type of <see cref="Marriages.CertificateCounterGrain"/>.</summary>
    public const string CertificateCounterGrainType = "certificate-counter";

    /// <summary>State name of <see cref="Persons.PersonGrain"/>.</summary>
    public const string Person = "person";

    /// <summary>Grain type of <see cref="Persons.PersonGrain"/>.</summary>
    public const string PersonGrainType = "person";

    /// <summary>State name and grain type of <see cref="Persons.MarriageRecordExtractGrain"/> (an issued extract, by
    /// its number).</summary>
    public const string MarriageRecordExtract = "marriage-record-extract";

    /// <summary>State name and grain type of <see cref="Persons.PersonNameIndexGrain"/> (a partition of the
    /// person-name index).</summary>
    public const string PersonNameIndex = "person-name-index";

    /// <summary>State name of the access-log partitions (<see cref="Persons.AccessLogState"/>) that builds before
    /// the append-only log stored; only <c>migrate-storage</c> reads them, to move their entries into the log.</summary>
    public const string AccessLog = "access-log";

    /// <summary>Grain type of <see cref="Persons.AccessLogGrain"/>.</summary>
    public const string AccessLogGrainType = "access-log";

    /// <summary>State name of <see cref="Organizations.OrganizationGrain"/>; its keys are listed to build the index.</summary>
    public const string Organization = "organization";

    /// <summary>Grain type of <see cref="Organizations.OrganizationGrain"/>.</summary>
    public const string OrganizationGrainType = "organization";

    /// <summary>State name of <see cref="Organizations.OrganizationNameGrain"/>.</summary>
    public const string OrganizationName = "organization-name";

    /// <summary>Grain type of <see cref="Organizations.OrganizationNameGrain"/>.</summary>
    public const string OrganizationNameGrainType = "organization-name";

    /// <summary>State name and grain type of <see cref="Organizations.OrganizationImportJobGrain"/>.</summary>
    public const string OrganizationImportJob = "organization-import";

    /// <summary>Grain type of <see cref="Organizations.OrganizationIndexGrain"/>.</summary>
    public const string OrganizationIndexGrainType = "organization-index";

    /// <summary>Grain type of <see cref="Organizations.OrganizationDeadlineSweepGrain"/> (no state: its reminder).</summary>
    public const string OrganizationDeadlineSweepGrainType = "organization-deadline-sweep";

    /// <summary>State name of <see cref="Organizations.OrganizationIndexGrain"/>'s checkpoint.</summary>
    public const string OrganizationIndex = "organization-index";

    /// <summary>State name and grain-id type of the stored pieces of the organization search index
    /// (<see cref="Indexing.StoredIndexPieces{TDoc}"/>); written only by <see cref="Organizations.OrganizationIndexGrain"/>.</summary>
    public const string OrganizationIndexPiece = "organization-index-piece";

    /// <summary>State name of <see cref="Organizations.OrganizationIndexGrain"/>'s compact snapshot
    /// (<see cref="Indexing.IndexSnapshotState"/>, <see cref="Organizations.OrganizationIndexSnapshot"/>).</summary>
    public const string OrganizationIndexSnapshot = "organization-index-snapshot";

    /// <summary>Grain type of <see cref="Organizations.OrganizationSearchGrain"/> (stateless).</summary>
    public const string OrganizationSearchGrainType = "organization-search";

    /// <summary>State name of <see cref="Places.PlaceNameGrain"/>; its keys are listed to build the index.</summary>
    public const string PlaceName = "place-name";

    /// <summary>Grain type of <see cref="Places.PlaceNameGrain"/>; part of every stored place name's grain id.</summary>
    public const string PlaceNameGrainType = "place-name";

    /// <summary>State name and grain type of <see cref="Places.PlaceNameCodeGrain"/>.</summary>
    public const string PlaceNameCode = "place-name-code";

    /// <summary>State name and grain type of <see cref="Places.PlaceNameImportJobGrain"/>.</summary>
    public const string PlaceNameImportJob = "place-name-import";

    /// <summary>State name of <see cref="Places.PlaceNameClaimGrain"/>.</summary>
    public const string PlaceNameClaim = "place-name-claim";

    /// <summary>Grain type of <see cref="Places.PlaceNameClaimGrain"/>.</summary>
    public const string PlaceNameClaimGrainType = "place-name-claim";

    /// <summary>State name and grain type of <see cref="Places.Plates.HouseNumberBlockGrain"/>.</summary>
    public const string HouseNumberBlock = "house-number-block";

    /// <summary>State name and grain type of <see cref="Places.Plates.PlaceSignGrain"/>.</summary>
    public const string PlaceSign = "place-sign";

    /// <summary>Grain type of <see cref="Places.PlaceNameIndexGrain"/>.</summary>
    public const string PlaceNameIndexGrainType = "place-name-index";

    /// <summary>State name of <see cref="Places.PlaceNameIndexGrain"/>'s checkpoint.</summary>
    public const string PlaceNameIndex = "place-name-index";

    /// <summary>State name and grain-id type of the stored pieces of the place-name search index
    /// (<see cref="Indexing.StoredIndexPieces{TDoc}"/>); written only by <see cref="Places.PlaceNameIndexGrain"/>.</summary>
    public const string PlaceNameIndexPiece = "place-name-index-piece";

    /// <summary>State name of <see cref="Places.PlaceNameIndexGrain"/>'s compact snapshot
    /// (<see cref="Indexing.IndexSnapshotState"/>).</summary>
    public const string PlaceNameIndexSnapshot = "place-name-index-snapshot";

    /// <summary>Grain type of <see cref="Places.PlaceNameSearchGrain"/> (stateless).</summary>
    public const string PlaceNameSearchGrainType = "place-name-search";

    /// <summary>Grain type of <see cref="Places.PlaceSpellingGrain"/> (stateless).</summary>
    public const string PlaceSpellingGrainType = "place-spelling";

    /// <summary>State name of <see cref="Marriages.CertificateIndexGrain"/>.</summary>
    public const string CertificateIndex = "certificate-index";

    /// <summary>Grain type of <see cref="Marriages.CertificateIndexGrain"/>.</summary>
    public const string CertificateIndexGrainType = "certificate-index";

    /// <summary>State name and grain type of <see cref="Statistics.StatisticsPartitionGrain"/>.</summary>
    public const string StatisticsPartition = "statistics-partition";

    /// <summary>State name and grain type of <see cref="Statistics.StatisticsPageGrain"/>.</summary>
    public const string StatisticsPage = "statistics-page";

    /// <summary>State name and grain type of <see cref="Statistics.StatisticsRollupGrain"/> (its checkpoint: the
    /// piece layout of its stored counters).</summary>
    public const string StatisticsRollup = "statistics-rollup";

    /// <summary>State name and grain-id type of a roll-up's stored counters (<see cref="Indexing.StoredIndexPieces{TDoc}"/>,
    /// <see cref="Statistics.StatisticsRollupGrain.PieceCount"/> per roll-up); written only by
    /// <see cref="Statistics.StatisticsRollupGrain"/>.</summary>
    public const string StatisticsRollupPiece = "statistics-rollup-piece";

    /// <summary>State name and grain type of <see cref="Statistics.StatisticsLevelGrain"/>.</summary>
    public const string StatisticsLevel = "statistics-level";

    /// <summary>State name and grain type of the stored pieces of a <see cref="Statistics.StatisticsLevelGrain"/>
    /// (grain id <c>{province}.{piece}</c>).</summary>
    public const string StatisticsLevelPiece = "statistics-level-piece";

    /// <summary>State name and grain type of <see cref="Statistics.StatisticsDirectoryGrain"/>.</summary>
    public const string StatisticsDirectory = "statistics-directory";

    /// <summary>State name and grain type of <see cref="Calendars.HolidayCalendarGrain"/> (one year's calendar and
    /// its versions).</summary>
    public const string HolidayCalendar = "holiday-calendar";

    /// <summary>State name and grain type of <see cref="Calendars.HolidayCalendarDirectoryGrain"/>.</summary>
    public const string HolidayCalendarDirectory = "holiday-calendar-directory";

    /// <summary>State name and grain type of <see cref="Calendars.ProvisionalDeadlinesGrain"/>.</summary>
    public const string ProvisionalDeadlines = "provisional-deadlines";
}
