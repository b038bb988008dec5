using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Kap.Domain.Common;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;

namespace Kap.Benchmarks.Micro;

/// <summary>
/// The clinical rules that run on every entry, from Kap.Domain: questionnaire scoring, the weight-based dose, the pre-dose
/// gate, starting a dosing session (gate + dose together), a course transition. The baseline is a trivial method in the
/// same run (the PHQ-9 answers summed by hand); the Ratio column is each rule's time over it.
/// </summary>
[MemoryDiagnoser]
public class ClinicalRulesBenchmarks
{
    private static readonly int?[] Phq9 = [2, 2, 2, 1, 2, 1, 2, 1, 0];
    private static readonly int?[] Phq9WithAlertAndMissing = [2, 2, 2, 1, null, 1, 2, 1, 2];
    private static readonly int?[] Gad7 = [2, 1, 2, 1, 1, 1, 1];
    private static readonly int?[] Cssrs = [0, 0, null, null, null, 0, null];
    private static readonly int?[] Pcl5 = [2, 3, 1, 2, 2, 1, 0, 3, 2, 1, 2, 2, 1, 0, 1, 2, 3, 1, 2, 1];

    private readonly DosePlan _plan = new(Guid.NewGuid(), Guid.NewGuid(), Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 40, Guid.NewGuid(), DateTime.UtcNow.AddDays(-3));
    private readonly DateTime _now = DateTime.UtcNow;
    private readonly DosingSessionSettings _settings = DosingSessionSettings.Default;
    private readonly PreDoseChecklist _allMet = new(true, true, true, true, true, true, 5, false, 124, 80, null, true, 72);
    private readonly PreDoseChecklist _threeMissing = new(true, false, false, true, true, true, 5, false, 172, 104, null, true, 20);
    /// <summary>The trivial method: the PHQ-9 answers added up by hand, with no checks, bands or messages.</summary>
    [Benchmark(Baseline = true, Description = "baseline: sum 9 answers by hand")]
    public int Baseline()
    {
        var total = 0;
        foreach (var answer in Phq9)
        {
            total += answer ?? 0;
        }

        return total;
    }

    [Benchmark(Description = "PHQ-9 score")]
    public MeasureResult ScorePhq9() => MeasureScoring.Score(Instrument.Phq9, Phq9);

    [Benchmark(Description = "PHQ-9 score, item 9 alert + a missing item")]
    public MeasureResult ScorePhq9Alert() => MeasureScoring.Score(Instrument.Phq9, Phq9WithAlertAndMissing);

    [Benchmark(Description = "GAD-7 score")]
    public MeasureResult ScoreGad7() => MeasureScoring.Score(Instrument.Gad7, Gad7);

    [Benchmark(Description = "PCL-5 score")]
    public MeasureResult ScorePcl5() => MeasureScoring.Score(Instrument.Pcl5, Pcl5);

    [Benchmark(Description = "C-SSRS screener")]
    public MeasureResult ScoreCssrs() => MeasureScoring.Score(Instrument.CssrsScreener, Cssrs);

    [Benchmark(Description = "dose: 0.5 mg/kg IV, weight, vial 50 mg/mL")]
    public DoseCalculation Dose() => DoseCalculator.Compute(_plan, 74.5m, _now.AddMinutes(-30), _now, vialConcentrationMgPerMl: 50m);

    [Benchmark(Description = "pre-dose gate, all met")]
    public DomainResult GateMet() => PreDoseRules.Check(_allMet, _settings);

    [Benchmark(Description = "pre-dose gate, 4 problems named")]
    public DomainResult GateRefused() => PreDoseRules.Check(_threeMissing, _settings);

    [Benchmark(Description = "DosingSession.Start (gate + dose + session)")]
    public DosingSession? StartSession()
    {
        var dose = DoseCalculator.Compute(_plan, 74.5m, _now.AddMinutes(-30), _now, vialConcentrationMgPerMl: 50m);
        return DosingSession.Start(_plan.CourseId, Guid.NewGuid(), null, _plan.PrescriberId, _plan, dose, 74.5m, _now.AddMinutes(-30), _allMet, _settings, _plan.PrescriberId, _now).Session;
    }

    [Benchmark(Description = "course transition check")]
    public DomainResult Transition() => CourseStateMachine.CheckTransition(CoursePhase.Preparation, CoursePhase.Dosing);

    public static int Run(Options options)
    {
        // In-process: no generated project to build (quicker here, and nothing outside this process to go wrong); a short job.
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess");
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
            .WithArtifactsPath(options.Get("artifacts", Path.Combine(Path.GetTempPath(), "kap-benchmarkdotnet")))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromTypes([typeof(ClinicalRulesBenchmarks)]).Run(options.Rest.Count > 0 ? options.Rest.ToArray() : ["--filter", "*"], config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
