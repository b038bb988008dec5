using System.Globalization;
using Kap.Benchmarks.Seed;

namespace Kap.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/Kap.Benchmarks -- COMMAND [options]`; the commands and what they measure are
/// in docs/benchmarks.md.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0)
        {
            return Usage();
        }

        var options = Options.Parse(args.Skip(1));
        switch (args[0])
        {
            case "seed":
            {
                var db = options.Get("db", "/tmp/kap-10k.db");
                var patients = options.GetInt("patients", 10_000);
                Console.WriteLine($"Seeding {patients:N0} patients into {db} ...");
                var result = await ClinicSeeder.SeedAsync(db, patients);
                Console.WriteLine($"Seeded {result.Patients:N0} patients ({result.Rows:N0} rows) in {result.Elapsed.TotalSeconds:F1} s. Feed tokens: {result.TokensFile}");
                Console.WriteLine($"Sign in as {ClinicSeeder.PatientEmail(0)} (and patient000001 ...) with the demo password; staff as in README.md.");
                return 0;
            }

            case "probe-feed":
                return await Load.FeedProbe.RunAsync(options);

            case "circuits":
                return await Circuits.CircuitBenchmark.RunAsync(options);

            case "heap-histogram":
                return Circuits.HeapHistogram.Write(options);

            case "reminders":
                return await Reminders.ReminderBenchmark.RunAsync(options);

            case "micro":
                return Micro.ClinicalRulesBenchmarks.Run(options);

            case "load":
                return await Load.LoadBenchmark.RunAsync(options);

            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.WriteLine("""
            Kap benchmarks (see docs/benchmarks.md):
              seed      --patients 10000 --db /tmp/kap-10k.db
              load      --db /tmp/kap-10k.db [--seconds 10] [--clients 1,16,64]
              circuits  --db /tmp/kap-10k.db --count 50
              reminders --appointments 100000 [--rows 1000000]
              micro     [BenchmarkDotNet arguments]
            """);
        return 2;
    }
}

public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Rest { get; } = [];

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options._values[list[i][2..]] = list[++i];
            }
            else
            {
                options.Rest.Add(list[i]);
            }
        }

        return options;
    }

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    public int GetInt(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
