namespace DealTracker.Data.Import;

/// <summary>One link as a lead row writes it: the party's name, the id export wrote beside it, and the notes in brackets.</summary>
internal sealed record LinkText(string Name, long? Id, IReadOnlyList<string> Notes, string Whole)
{
    public bool IsPrimary => Notes.Count > 0 && Notes[^1].Equals("primary", StringComparison.OrdinalIgnoreCase);

    /// <summary>The relationship (or role): the notes other than "primary".</summary>
    public string? Relationship => (IsPrimary ? Notes.Take(Notes.Count - 1) : Notes).ToList() is { Count: > 0 } rest
        ? string.Join(", ", rest) : null;
}
