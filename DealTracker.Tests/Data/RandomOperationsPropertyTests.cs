using CsCheck;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>
/// For any mix of random operations by two concurrent workers (raw SQL at random isolation levels and the services),
/// no invariant is broken afterwards. Short here; the benchmark program runs 10,000 operations on 4 workers.
/// </summary>
public sealed class RandomOperationsPropertyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Concurrent_random_operations_never_break_an_invariant()
    {
        var plan = Gen.Int[0, RandomOperations.Kinds - 1].Array[15, 30];
        await Gen.Select(plan, plan, Gen.ULong).SampleAsync(async (first, second, seed) =>
        {
            var report = await new RandomOperations(db.ConnectionString, db.Services).RunAsync([first, second], seed);
            Assert.All(report.Violations, v => Assert.True(v.Value == 0, $"{v.Value} row(s) break \"{v.Key}\""));
        }, iter: 6, threads: 1);
    }
}
