using System.Diagnostics;

namespace DealTracker.Tests.Support;

/// <summary>Runs the repository's own scripts (scripts/*.sh) exactly as the README tells a person to.</summary>
public static class RepositoryScripts
{
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <c>bash scripts/NAME args</c> with extra environment variables; returns its output or throws with it.</summary>
    public static async Task<string> RunAsync(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("scripts", name));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/{name} exited with {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DealTracker.sln")))
                return dir.FullName;
        throw new InvalidOperationException("The repository root (with DealTracker.sln) was not found above the test binaries.");
    }
}
