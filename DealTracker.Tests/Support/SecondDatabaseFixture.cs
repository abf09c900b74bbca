namespace DealTracker.Tests.Support;

/// <summary>Another migrated database for the same test class: where an export from the first is imported.</summary>
public sealed class SecondDatabaseFixture : DatabaseFixture;
