using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.Runtime;

namespace Kap.Benchmarks.Circuits;

/// <summary>
/// Objects on a process's managed heap by type (count and bytes), read with ClrMD from a child process attached to the
/// benchmark: what each circuit holds, by diffing two snapshots.
/// </summary>
public static class HeapHistogram
{
    /// <summary>The child process's command: attach to --pid, write "type \t count \t bytes" to --out.</summary>
    public static int Write(Options options)
    {
        var pid = options.GetInt("pid", 0);
        var output = options.Get("out", "heap.tsv");
        using var target = DataTarget.AttachToProcess(pid, suspend: true);
        // The DAC ships beside the runtime this process also runs on.
        var dac = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
        var runtime = File.Exists(dac) ? target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true) : target.ClrVersions[0].CreateRuntime();
        var stats = new Dictionary<string, (long Count, long Bytes)>();
        foreach (var obj in runtime.Heap.EnumerateObjects())
        {
            if (!obj.IsValid || obj.IsFree)
            {
                continue;
            }

            var name = obj.Type?.Name ?? "?";
            stats.TryGetValue(name, out var s);
            stats[name] = (s.Count + 1, s.Bytes + (long)obj.Size);
        }

        File.WriteAllLines(output, stats.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}\t{kv.Value.Count}\t{kv.Value.Bytes}")));
        return 0;
    }

    /// <summary>Runs <see cref="Write"/> in a child process against this one; returns the file it wrote.</summary>
    public static string Snapshot(string file)
    {
        var self = typeof(HeapHistogram).Assembly.Location;
        using var child = Process.Start(new ProcessStartInfo("dotnet", ["exec", self, "heap-histogram", "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--out", file])
        {
            UseShellExecute = false,
        })!;
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"heap-histogram exited with {child.ExitCode}");
        }

        return file;
    }

    public static Dictionary<string, (long Count, long Bytes)> Read(string file)
    {
        return File.ReadLines(file).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => (long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture)));
    }

    /// <summary>The types that grew most between two snapshots, per circuit.</summary>
    public static IEnumerable<string> Diff(Dictionary<string, (long Count, long Bytes)> before, Dictionary<string, (long Count, long Bytes)> after, int circuits, int top = 25)
    {
        var rows = after.Select(kv =>
            {
                before.TryGetValue(kv.Key, out var b);
                return (Type: kv.Key, Count: (kv.Value.Count - b.Count) / (double)circuits, Bytes: (kv.Value.Bytes - b.Bytes) / (double)circuits);
            })
            .OrderByDescending(r => r.Bytes).Take(top).ToList();
        yield return "| type | objects per circuit | KB per circuit |";
        yield return "|---|---:|---:|";
        foreach (var r in rows)
        {
            var type = r.Type.Length > 110 ? r.Type[..110] + "…" : r.Type;
            yield return string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {r.Count:F0} | {r.Bytes / 1024:F1} |");
        }
    }
}
