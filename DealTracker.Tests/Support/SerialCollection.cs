namespace DealTracker.Tests.Support;

/// <summary>
/// Test classes whose acceptance criterion is a latency (the board shows another instance's move within a second) run
/// in this collection: after the parallel ones, on their own, so the verdict is about the app and not about how many
/// other browsers and servers the test run happens to have going on the same two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Runs alone";
}
