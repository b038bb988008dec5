using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Admin.StaffAccounts;
using Kap.Web.Components.Pages.Admin;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Admin;

public sealed class StaffAccountsPageTests : KapComponentTest
{
    private static readonly StaffAccountDto Morgan = new(Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a51"), "Dr Morgan Reyes", "morgan.reyes@kap.example",
        [KapRoles.Therapist], AuthenticatorOn: true, LockedOutUntil: null, IsActive: true);

    private static readonly StaffAccountDto Taylor = new(Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a52"), "Taylor Brooks, PMHNP", "taylor.brooks@kap.example",
        [KapRoles.NursePractitioner], AuthenticatorOn: false, LockedOutUntil: Now.AddMinutes(10), IsActive: true);

    private bool _reset;

    public StaffAccountsPageTests()
    {
        SignInAs("Avery Admin", KapRoles.Admin, KapPolicies.Staff, KapPolicies.Admin);
        Sender.On<GetStaffAccountsQuery, Result<IReadOnlyList<StaffAccountDto>>>(_ =>
            Result<IReadOnlyList<StaffAccountDto>>.Success(_reset ? [Morgan with { AuthenticatorOn = false }, Taylor] : [Morgan, Taylor]));
    }

    [Fact]
    public void Each_staff_member_shows_whether_their_app_is_on_and_a_lockout_in_clinic_time()
    {
        var page = RenderPage<StaffAccounts>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=staff-account]").Count));
        var rows = page.FindAll("[data-testid=staff-account]");
        Assert.Contains("Authenticator on", rows[0].Children[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Authenticator not set up", rows[1].Children[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Locked until 24 Nov 2026, 10:10", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("button"), b => b.TextContent.Contains("Reset app", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reset_sends_the_reason_and_shows_the_app_off()
    {
        Sender.On<ResetStaffAuthenticatorCommand, Result>(_ =>
        {
            _reset = true;
            return Result.Success();
        });
        var page = RenderPage<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=staff-account]").Count));

        page.Find("button[aria-label=\"Reset Dr Morgan Reyes's authenticator app\"]").Click();
        page.Find("#reset-reason").Change("Lost phone; confirmed in person at reception");
        page.FindAll("[data-testid=reset-panel] button").First(b => b.TextContent.Contains("Reset app", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("authenticator app is off", page.Find("[data-testid=staff-done]").TextContent, StringComparison.Ordinal));
        Assert.Equal(new ResetStaffAuthenticatorCommand(Morgan.Id, "Lost phone; confirmed in person at reception"), Assert.Single(Sender.SentOf<ResetStaffAuthenticatorCommand>()));
        Assert.Contains("Authenticator not set up", page.FindAll("[data-testid=staff-account]")[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=reset-panel]"));
    }

    [Fact]
    public void A_refused_reset_shows_why_and_keeps_the_panel_open()
    {
        Sender.On<ResetStaffAuthenticatorCommand, Result>(_ => Error.Field("Reason", "Say why, in at least 10 characters (e.g. how you confirmed it is really them)."));
        var page = RenderPage<StaffAccounts>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=staff-account]").Count));

        page.Find("button[aria-label=\"Reset Dr Morgan Reyes's authenticator app\"]").Click();
        page.FindAll("[data-testid=reset-panel] button").First(b => b.TextContent.Contains("Reset app", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("at least 10 characters", page.Find("[data-testid=reset-panel]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Authenticator on", page.FindAll("[data-testid=staff-account]")[0].Children[2].TextContent, StringComparison.Ordinal);
    }
}
