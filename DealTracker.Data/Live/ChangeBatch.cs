namespace DealTracker.Data.Live;

/// <summary>
/// What changed in the database since the last batch, from any app instance. <see cref="Resync"/> means changes may
/// have been missed (the listening connection dropped and came back): receivers reload everything they show.
/// </summary>
public sealed record ChangeBatch(IReadOnlyList<DataChange> Changes, bool Resync = false)
{
    public bool Touches(params string[] tables) => Resync || Changes.Any(c => tables.Contains(c.Table));
}
