namespace DealTracker.Data.Infrastructure;

/// <summary>
/// The database did not answer (down, restarting, unreachable) and nothing was saved. Whatever the user typed is still
/// on their form; the same action works once the database is back.
/// </summary>
public sealed class DatabaseUnavailableException(string message) : RuleViolationException(message)
{
    public const string NotAnswering =
        "The database is not answering, so nothing was saved. Your changes are kept on this page: try again in a moment.";

    public DatabaseUnavailableException() : this(NotAnswering)
    {
    }
}
