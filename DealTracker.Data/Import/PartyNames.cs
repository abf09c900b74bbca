namespace DealTracker.Data.Import;

/// <summary>
/// The organizations, individuals or contacts a lead or contact row may name, by name ignoring case, loaded once. A
/// name two records share needs the id export wrote beside it. Parties a lead file introduces get a negative id here
/// until they are written.
/// </summary>
internal sealed class PartyNames(string noun, IEnumerable<(long Id, string Name)> existing)
{
    private readonly Dictionary<long, string> _nameOf = existing.ToDictionary(e => e.Id, e => e.Name);
    private readonly Dictionary<string, long> _newIds = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, List<long>>? _idsOf;

    private Dictionary<string, List<long>> IdsOf => _idsOf ??= _nameOf.GroupBy(e => e.Value, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Key).Order().ToList(), StringComparer.OrdinalIgnoreCase);

    public string? NameOf(long id) => _nameOf.GetValueOrDefault(id);

    public bool Exists(string name) => IdsOf.ContainsKey(name) || _newIds.ContainsKey(name);

    /// <summary>The party <paramref name="name"/> names (a new one included), null if none; a problem if it names several.</summary>
    public long? Find(RowCells cells, string field, string name, long? idBeside)
    {
        if (idBeside is { } id && _nameOf.TryGetValue(id, out var named) && string.Equals(named, name, StringComparison.OrdinalIgnoreCase))
            return id;
        if (_newIds.TryGetValue(name, out var newId))
            return newId;
        if (!IdsOf.TryGetValue(name, out var ids))
            return null;
        if (ids.Count == 1)
            return ids[0];
        cells.Problem(field, $"\"{name}\" matches {ids.Count} {noun}s ({string.Join(", ", ids.Select(i => $"#{i}"))}); " +
            $"keep the {noun} ids column from the export to say which");
        return null;
    }

    /// <summary>A party this file introduces: one negative id per name, however many rows name it.</summary>
    public long Introduce(string name)
    {
        if (!_newIds.TryGetValue(name, out var id))
            _newIds[name] = id = -(_newIds.Count + 1);
        return id;
    }

    public IEnumerable<(long TemporaryId, string Name)> Introduced => _newIds.Select(n => (n.Value, n.Key));
}
