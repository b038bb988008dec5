using Kap.Domain.Courses;

namespace Kap.Domain.Tests.Courses;

public sealed class CourseStateMachineTests
{
    // The expected legality of every (from, to) pair, written out by hand from domain.md §1.
    //   Y = legal
    //   . = illegal
    //   R = legal only when it is the phase the on-hold course left (the resume phase)
    private static readonly CoursePhase[] Columns =
    [
        CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing,
        CoursePhase.Integration, CoursePhase.Completed, CoursePhase.OnHold, CoursePhase.Discontinued,
    ];

    private static readonly (CoursePhase From, string Row)[] Table =
    [
        //                         to:  Ref Scr Pre Dos Int Com Hold Disc
        (CoursePhase.Referred,         " .   Y   .   .   .   .   Y    Y "),
        (CoursePhase.Screening,        " .   .   Y   .   .   .   Y    Y "),
        (CoursePhase.Preparation,      " .   .   .   Y   .   .   Y    Y "),
        (CoursePhase.Dosing,           " .   .   .   .   Y   .   Y    Y "),
        (CoursePhase.Integration,      " .   .   .   .   .   Y   Y    Y "),
        (CoursePhase.Completed,        " .   .   .   .   .   .   .    . "),
        (CoursePhase.OnHold,           " R   R   R   R   R   .   .    Y "),
        (CoursePhase.Discontinued,     " .   .   .   .   .   .   .    . "),
    ];

    // The phases a course can have been in when it was put on hold.
    private static readonly CoursePhase[] ResumablePhases =
    [
        CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration,
    ];

    // What follows each phase on the main path, written out independently of the production code.
    private static readonly Dictionary<CoursePhase, CoursePhase> NextOnMainPath = new()
    {
        [CoursePhase.Referred] = CoursePhase.Screening,
        [CoursePhase.Screening] = CoursePhase.Preparation,
        [CoursePhase.Preparation] = CoursePhase.Dosing,
        [CoursePhase.Dosing] = CoursePhase.Integration,
        [CoursePhase.Integration] = CoursePhase.Completed,
    };

    private static char Cell(CoursePhase from, CoursePhase to)
    {
        var row = Table.Single(r => r.From == from).Row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return row[Array.IndexOf(Columns, to)][0];
    }

    private static bool Expected(CoursePhase from, CoursePhase to, CoursePhase? resumePhase) => Cell(from, to) switch
    {
        'Y' => true,
        'R' => resumePhase == to,
        '.' => false,
        var c => throw new InvalidOperationException($"Unknown cell '{c}' in the expected table."),
    };

    /// <summary>
    /// Every one of the 64 pairs. Rows out of an active or closed phase are checked without a resume phase
    /// (as the course passes it); the OnHold row is checked once for each phase the course can have left.
    /// </summary>
    private static IEnumerable<(CoursePhase From, CoursePhase To, CoursePhase? Resume, bool Legal)> Cases()
    {
        foreach (var (from, _) in Table)
        {
            foreach (var to in Columns)
            {
                if (from == CoursePhase.OnHold)
                {
                    foreach (var resume in ResumablePhases)
                    {
                        yield return (from, to, resume, Expected(from, to, resume));
                    }
                }
                else
                {
                    yield return (from, to, null, Expected(from, to, null));
                }
            }
        }
    }

    public static TheoryData<CoursePhase, CoursePhase, CoursePhase?, bool> AllPairs()
    {
        var data = new TheoryData<CoursePhase, CoursePhase, CoursePhase?, bool>();
        foreach (var (from, to, resume, legal) in Cases())
        {
            data.Add(from, to, resume, legal);
        }

        return data;
    }

    public static TheoryData<CoursePhase, CoursePhase, CoursePhase?> IllegalPairs()
    {
        var data = new TheoryData<CoursePhase, CoursePhase, CoursePhase?>();
        foreach (var (from, to, resume, _) in Cases().Where(c => !c.Legal))
        {
            data.Add(from, to, resume);
        }

        return data;
    }

    public static TheoryData<CoursePhase> AllPhases() => new(Enum.GetValues<CoursePhase>());

    [Fact]
    public void The_expected_table_covers_every_pair_of_phases_exactly_once()
    {
        var phases = Enum.GetValues<CoursePhase>();
        Assert.Equal(8, phases.Length);
        Assert.Equal(phases.OrderBy(p => p), Columns.OrderBy(p => p));
        Assert.Equal(phases.OrderBy(p => p), Table.Select(r => r.From).OrderBy(p => p));
        Assert.All(Table, r =>
        {
            var cells = r.Row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(8, cells.Length);
            Assert.All(cells, c => Assert.Contains(c, new[] { "Y", ".", "R" }));
        });
    }

    [Fact]
    public void The_expected_table_has_exactly_the_legal_moves_domain_md_lists()
    {
        // 5 main-path steps + 5 active phases to OnHold + 5 to Discontinued + OnHold to Discontinued = 16 "Y";
        // 5 possible resume targets out of OnHold = 5 "R".
        var cells = Table.SelectMany(r => r.Row.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(16, cells.Count(c => c == "Y"));
        Assert.Equal(5, cells.Count(c => c == "R"));
        Assert.Equal(64, cells.Count);
        Assert.Equal(64, Cases().Select(c => (c.From, c.To)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CheckTransition_matches_the_expected_table(CoursePhase from, CoursePhase to, CoursePhase? resumePhase, bool legal)
    {
        var result = CourseStateMachine.CheckTransition(from, to, resumePhase);

        Assert.Equal(legal, result.IsSuccess);
        if (legal)
        {
            Assert.Empty(result.Problems);
        }
        else
        {
            Assert.NotEmpty(result.Problems);
        }
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void An_illegal_transition_says_what_the_target_is_or_what_comes_next(CoursePhase from, CoursePhase to, CoursePhase? resumePhase)
    {
        var result = CourseStateMachine.CheckTransition(from, to, resumePhase);

        Assert.False(result.IsSuccess);
        var message = string.Join(" ", result.Problems);
        Assert.False(string.IsNullOrWhiteSpace(message));

        var namesTarget = message.Contains(Name(to), StringComparison.OrdinalIgnoreCase);
        if (from is CoursePhase.Completed or CoursePhase.Discontinued)
        {
            // Nothing comes next for a closed course: the message names the target or says the course is closed.
            var saysClosed = message.Contains("closed", StringComparison.OrdinalIgnoreCase)
                && message.Contains(Name(from), StringComparison.OrdinalIgnoreCase);
            Assert.True(namesTarget || saysClosed, $"'{message}' names neither {Name(to)} nor that the course is closed");
            return;
        }

        var next = from == CoursePhase.OnHold ? resumePhase : NextOnMainPath.GetValueOrDefault(from);
        var namesNext = next is { } n && message.Contains(Name(n), StringComparison.OrdinalIgnoreCase);
        Assert.True(namesTarget || namesNext, $"'{message}' names neither {Name(to)} nor {(next is { } x ? Name(x) : "the next phase")}");
    }

    [Theory]
    [MemberData(nameof(AllPhases))]
    public void An_on_hold_course_that_does_not_record_the_phase_it_left_can_only_be_discontinued(CoursePhase to)
    {
        var result = CourseStateMachine.CheckTransition(CoursePhase.OnHold, to, resumePhase: null);

        Assert.Equal(to == CoursePhase.Discontinued, result.IsSuccess);
        if (!result.IsSuccess)
        {
            Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
            Assert.NotEmpty(result.Problems);
        }
    }

    [Theory]
    [InlineData(CoursePhase.Dosing, CoursePhase.Screening, CoursePhase.Screening)]
    [InlineData(CoursePhase.Integration, CoursePhase.Preparation, CoursePhase.Preparation)]
    [InlineData(CoursePhase.Referred, CoursePhase.Dosing, CoursePhase.Dosing)]
    [InlineData(CoursePhase.Completed, CoursePhase.Integration, CoursePhase.Integration)]
    [InlineData(CoursePhase.Discontinued, CoursePhase.Dosing, CoursePhase.Dosing)]
    public void A_resume_phase_opens_no_move_for_a_course_that_is_not_on_hold(CoursePhase from, CoursePhase to, CoursePhase resumePhase)
    {
        var result = CourseStateMachine.CheckTransition(from, to, resumePhase);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Problems);
    }

    [Theory]
    [InlineData(CoursePhase.Referred, true, false)]
    [InlineData(CoursePhase.Screening, true, false)]
    [InlineData(CoursePhase.Preparation, true, false)]
    [InlineData(CoursePhase.Dosing, true, false)]
    [InlineData(CoursePhase.Integration, true, false)]
    [InlineData(CoursePhase.Completed, false, true)]
    [InlineData(CoursePhase.OnHold, false, false)]
    [InlineData(CoursePhase.Discontinued, false, true)]
    public void Phases_are_active_closed_or_on_hold(CoursePhase phase, bool active, bool closed)
    {
        Assert.Equal(active, CourseStateMachine.IsActive(phase));
        Assert.Equal(closed, CourseStateMachine.IsClosed(phase));
    }

    private static string Name(CoursePhase phase) => phase == CoursePhase.OnHold ? "On hold" : phase.ToString();
}
