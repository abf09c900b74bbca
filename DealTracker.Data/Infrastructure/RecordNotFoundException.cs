namespace DealTracker.Data.Infrastructure;

/// <summary>The record does not exist (any more), or the acting user may not see it.</summary>
public sealed class RecordNotFoundException(string message) : RuleViolationException(message);
