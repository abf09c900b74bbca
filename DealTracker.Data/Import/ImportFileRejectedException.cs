namespace DealTracker.Data.Import;

/// <summary>A file that cannot be read as CSV at all (nothing in it is imported); the message says why and what to do.</summary>
public sealed class ImportFileRejectedException(string message) : Exception(message);
