using DealTracker.Data.Identity;

namespace DealTracker.Data.Import;

/// <summary>
/// What one kind of record brings to the shared pipeline of <see cref="ImportService"/>: its fields, the field a file
/// cannot do without, and a batch that loads what checking needs once and then checks and writes the rows.
/// </summary>
internal interface IImportDescriptor
{
    IReadOnlyList<string> Fields { get; }

    /// <summary>The tables an import of this kind may write, announced once at the end (<see cref="ChangeAnnouncement"/>).</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>The field every file must map, and what to say when it does not.</summary>
    (string Field, string Message) RequiredField { get; }

    /// <summary>Loads, in a fixed number of queries, the existing records, picklists and users the rows are checked against.</summary>
    Task<IImportBatch> LoadAsync(DealTrackerDbContext db, IActingUser actor, CancellationToken ct);
}
