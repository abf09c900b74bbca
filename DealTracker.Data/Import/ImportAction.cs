namespace DealTracker.Data.Import;

/// <summary>What an import does with one row.</summary>
public enum ImportAction
{
    Create,
    /// <summary>Matches an existing record, which is left as it is (updating was not chosen, or nothing differs).</summary>
    Match,
    Update,
    /// <summary>The row has problems: it is skipped if the user chooses to, otherwise nothing is imported.</summary>
    Skip,
}
