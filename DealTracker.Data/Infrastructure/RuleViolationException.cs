namespace DealTracker.Data.Infrastructure;

/// <summary>
/// A user action that the rules forbid. <see cref="Field"/> names the form field the message belongs next to
/// (null when it concerns the whole record).
/// </summary>
public class RuleViolationException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Someone else saved the record after it was loaded: the user decides what happens next.</summary>
public class ConcurrencyConflictException(string message) : RuleViolationException(message);

/// <summary>The record does not exist (any more), or the acting user may not see it.</summary>
public sealed class RecordNotFoundException(string message) : RuleViolationException(message);
