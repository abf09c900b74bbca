namespace DealTracker.Data.Infrastructure;

/// <summary>
/// A user action that the rules forbid. <see cref="Field"/> names the form field the message belongs next to
/// (null when it concerns the whole record).
/// </summary>
public class RuleViolationException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
