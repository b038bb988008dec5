using Bunit;
using Bunit.TestDoubles;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.Common;
using Kap.Application.Features.Scheduling.GetCalendar;
using Kap.Application.Features.Scheduling.GetRooms;
using Kap.Application.Features.Staff.GetClinicians;
using Kap.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace Kap.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context with what Kap's pages need: MudBlazor services, a <see cref="FakeSender"/> as
/// <see cref="ISender"/>, the clinic's options and time, and a signed-in therapist for <c>AuthorizeView</c>.
/// xUnit disposes it asynchronously, as MudBlazor requires.
/// </summary>
public abstract class KapComponentTest : BunitContext
{
    public const string ClinicZone = "America/New_York";

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    protected KapComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ISender>(Sender);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Options.Create(new ClinicOptions { TimeZone = ClinicZone }));
        Services.AddSingleton<ClinicTime>();

        // Lookups and the "Today" list on the caseload answer empty unless a test says otherwise (On replaces these).
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Result<IReadOnlyList<AppointmentDto>>.Success([]));
        Sender.On<GetCliniciansQuery, Result<IReadOnlyList<ClinicianDto>>>(_ => Result<IReadOnlyList<ClinicianDto>>.Success([]));
        Sender.On<GetRoomsQuery, Result<IReadOnlyList<RoomDto>>>(_ => Result<IReadOnlyList<RoomDto>>.Success([]));

        Auth = AddAuthorization();
        SignInAs("Terry Therapist", KapRoles.Therapist, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.ManagesCourses);
    }

    protected FakeSender Sender { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(Now);

    protected BunitAuthorizationContext Auth { get; }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>
    /// Signs in a user with one role and the named policies that role satisfies; staff have confirmed their sign-in with
    /// the authenticator app (the <c>amr</c> = <c>mfa</c> claim), as in a clinic.
    /// </summary>
    protected void SignInAs(string name, string role, params string[] policies)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetPolicies(policies);
        if (KapRoles.Staff.Contains(role))
        {
            Auth.SetClaims(new System.Security.Claims.Claim(StaffSecondFactorRequirement.ClaimType, StaffSecondFactorRequirement.ClaimValue));
        }
    }

    /// <summary>Renders a page after the popover provider that MudSelect and friends need.</summary>
    protected IRenderedComponent<TComponent> RenderPage<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Render<MudPopoverProvider>();
        return parameters is null ? Render<TComponent>() : Render(parameters);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Assert.True(Sender.Unexpected.Count == 0,
            "The component sent messages no handler was registered for: " + string.Join(", ", Sender.Unexpected.Select(m => m.GetType().Name)));
    }
}
