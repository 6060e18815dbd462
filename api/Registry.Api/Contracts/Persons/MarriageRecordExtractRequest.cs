namespace Registry.Api.Contracts.Persons;

/// <summary>Issue a marriage-record extract (婚姻登记记录证明) at <c>office</c>.</summary>
public sealed record MarriageRecordExtractRequest(string? Office);
