using DealTracker.Data.Identity;

namespace DealTracker.Data.Import;

/// <summary>A kind of record's <see cref="IImportDescriptor"/>: its fields, tables, required field and how its batch loads.</summary>
internal sealed record ImportDescriptor(
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> Tables,
    (string Field, string Message) RequiredField,
    Func<DealTrackerDbContext, IActingUser, CancellationToken, Task<IImportBatch>> Load) : IImportDescriptor
{
    public Task<IImportBatch> LoadAsync(DealTrackerDbContext db, IActingUser actor, CancellationToken ct) => Load(db, actor, ct);
}
