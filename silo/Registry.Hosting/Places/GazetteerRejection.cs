namespace Registry.Hosting.Places;

/// <summary>A rejected row: its 1-based number in the file, its name as given, the reason (kebab-case), detail.</summary>
public sealed record GazetteerRejection(int Row, string Name, string Reason, string Detail);
