namespace DealTracker.Benchmarks;

/// <summary>One load-driver run: <see cref="Circuits"/> live boards over <see cref="Instances"/> app instances while moves are made.</summary>
public sealed record CircuitsResult(
    int Instances,
    int Circuits,
    double OpenSeconds,
    int Moves,
    int Deliveries,
    double P50,
    double P95,
    double Max,
    int Missing,
    int Unexpected,
    IReadOnlyList<string> Errors,
    double? StatementsPerChange,
    double AppCores,
    double DriverCores,
    double RssBeforeMb,
    double RssAfterMb)
{
    public double RssKbPerCircuit => Circuits == 0 ? 0 : (RssAfterMb - RssBeforeMb) * 1024 / Circuits;

    public int ErrorCount => Errors.Count + Missing + Unexpected;

    public static CircuitsResult Failed(int instances, int circuits, string error) =>
        new(instances, circuits, 0, 0, 0, 0, 0, 0, 0, 0, [error], null, 0, 0, 0, 0);

    public string Describe() => Errors.Count > 0 && Moves == 0
        ? $"{Circuits} circuits on {Instances} instance(s): {Errors[0]}"
        : $"{Circuits} circuits on {Instances} instance(s): opened in {OpenSeconds:0.0} s; {Moves} moves, {Deliveries} deliveries, " +
          $"p50 {P50:0} ms, p95 {P95:0} ms, max {Max:0} ms; missing {Missing}, unexpected {Unexpected}, errors {Errors.Count}; " +
          $"{StatementsPerChange:0.#} statements per change; app {AppCores:0.00} cores, driver {DriverCores:0.00} cores; " +
          $"RSS {RssBeforeMb:0} → {RssAfterMb:0} MB ({RssKbPerCircuit:0} KB per circuit)";
}
