namespace DealTracker.Data.Infrastructure;

/// <summary>Someone else saved the record after it was loaded: the user decides what happens next.</summary>
public class ConcurrencyConflictException(string message) : RuleViolationException(message);
