namespace DealTracker.Data.Infrastructure;

/// <summary>
/// The first step of every typed value, stored or searched for: trimmed, blank as null, and refused if it holds U+0000,
/// which PostgreSQL text cannot hold (it would fail the statement with 22021). Every input, lookup and search goes
/// through <see cref="Clean"/>, so the refusal is one sentence next to the field wherever it was typed.
/// </summary>
public static class Text
{
    public const string NulRefused =
        "This contains a character that cannot be stored or searched for (U+0000). Remove it and try again.";

    /// <summary>Trims input; blank becomes null, so "  " is never stored as a value. Refuses U+0000 for <paramref name="field"/>.</summary>
    public static string? Clean(string? value, string? field = null)
    {
        if (Refusal(value) is { } refusal)
            throw new RuleViolationException(refusal, field);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Why <paramref name="value"/> cannot be used, or null if it can: for fields that check as the user types.</summary>
    public static string? Refusal(string? value) => value is not null && value.Contains('\0') ? NulRefused : null;
}
