using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.CalendarFeed;
using Kap.Web.Components.Portal;
using Kap.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Error = Kap.Application.Common.Results.Error;

namespace Kap.Web.Tests.Components.Portal;

public sealed class CalendarFeedPageTests : KapComponentTest
{
    private const string Token = "Zq3_8bW-Yx0aPL4mN7sT2vR9cK1dF6hJ5gE3uI0oQwA";
    private const string SecondToken = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U_-";

    private static readonly DateTime CreatedUtc = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CreatedLocal = new(2026, 11, 24, 9, 0, 0);

    public CalendarFeedPageTests()
    {
        SignInAs("Riley Chen", KapRoles.Patient, KapPolicies.Patient, KapPolicies.Authenticated);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    }

    private void FeedIs(MyCalendarFeedDto feed) => Sender.On<GetMyCalendarFeedQuery, Result<MyCalendarFeedDto>>(_ => feed);

    private void CreatingGives(params string[] tokens)
    {
        var next = new Queue<string>(tokens);
        Sender.On<CreateMyCalendarFeedCommand, Result<NewCalendarFeedDto>>(_ => new NewCalendarFeedDto(next.Dequeue(), CreatedUtc, CreatedLocal));
    }

    [Fact]
    public void Creating_shows_the_full_address_once_with_a_copy_button_and_a_webcal_link()
    {
        FeedIs(MyCalendarFeedDto.None);
        CreatingGives(Token);
        var page = RenderPage<CalendarFeedPage>();

        Assert.Contains("only when and where, not what the session is about", page.Find("[data-testid=feed-explanation]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=feed-url]"));

        page.Find("[data-testid=create]").Click();

        Assert.Single(Sender.SentOf<CreateMyCalendarFeedCommand>());
        var url = $"http://localhost/calendar/{Token}.ics";
        Assert.Equal(url, page.Find("[data-testid=feed-url]").TextContent.Trim());
        Assert.Equal($"webcal://localhost/calendar/{Token}.ics", page.Find("[data-testid=webcal]").GetAttribute("href"));
        Assert.Contains("made on 24 November 2026", page.Find("[data-testid=feed-since]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=create]"));

        page.Find("[data-testid=copy]").Click();

        var copy = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(url, Assert.Single(copy.Arguments));
        Assert.StartsWith("Copied", page.Find("[data-testid=copy-status]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Coming_back_later_shows_since_when_but_never_the_address()
    {
        FeedIs(new MyCalendarFeedDto(CreatedUtc, CreatedLocal));

        var page = RenderPage<CalendarFeedPage>();

        Assert.Contains("made on 24 November 2026", page.Find("[data-testid=feed-since]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=feed-url]"));
        Assert.DoesNotContain("/calendar/", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=create]"));
        Assert.Single(Sender.SentOf<GetMyCalendarFeedQuery>());
    }

    [Fact]
    public void The_address_is_built_on_the_public_base_url_when_the_clinic_sets_one()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kap:PublicBaseUrl"] = "https://portal.clinic.example/kap" }).Build());
        FeedIs(MyCalendarFeedDto.None);
        CreatingGives(Token);
        var page = RenderPage<CalendarFeedPage>();

        page.Find("[data-testid=create]").Click();

        Assert.Equal($"https://portal.clinic.example/kap/calendar/{Token}.ics", page.Find("[data-testid=feed-url]").TextContent.Trim());
        Assert.Equal($"webcal://portal.clinic.example/kap/calendar/{Token}.ics", page.Find("[data-testid=webcal]").GetAttribute("href"));
    }

    [Fact]
    public void Regenerate_asks_to_confirm_first_and_then_shows_the_new_address()
    {
        FeedIs(new MyCalendarFeedDto(CreatedUtc.AddDays(-10), CreatedLocal.AddDays(-10)));
        CreatingGives(SecondToken);
        var page = RenderPage<CalendarFeedPage>();

        page.Find("[data-testid=regenerate]").Click();

        Assert.Contains("current one stops working", page.Find("[data-testid=confirm-regenerate]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Sender.SentOf<CreateMyCalendarFeedCommand>());

        page.Find("[data-testid=confirm-cancel]").Click();

        Assert.Empty(page.FindAll("[data-testid=confirm-regenerate]"));
        Assert.Empty(Sender.SentOf<CreateMyCalendarFeedCommand>());

        page.Find("[data-testid=regenerate]").Click();
        page.Find("[data-testid=confirm-regenerate-yes]").Click();

        Assert.Single(Sender.SentOf<CreateMyCalendarFeedCommand>());
        Assert.Equal($"http://localhost/calendar/{SecondToken}.ics", page.Find("[data-testid=feed-url]").TextContent.Trim());
        Assert.Contains("made on 24 November 2026", page.Find("[data-testid=feed-since]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=confirm-regenerate]"));
    }

    [Fact]
    public void Revoke_asks_to_confirm_then_turns_the_address_off_and_offers_a_new_one()
    {
        FeedIs(new MyCalendarFeedDto(CreatedUtc, CreatedLocal));
        Sender.On<RevokeMyCalendarFeedCommand, Result>(_ => Result.Success());
        var page = RenderPage<CalendarFeedPage>();

        page.Find("[data-testid=revoke]").Click();
        Assert.Empty(Sender.SentOf<RevokeMyCalendarFeedCommand>());
        page.Find("[data-testid=confirm-revoke-yes]").Click();

        Assert.Single(Sender.SentOf<RevokeMyCalendarFeedCommand>());
        Assert.Contains("is off", page.Find("[data-testid=feed-revoked]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=feed-active]"));
        Assert.NotNull(page.Find("[data-testid=create]"));
    }

    [Fact]
    public void Revoking_right_after_creating_hides_the_address()
    {
        FeedIs(MyCalendarFeedDto.None);
        CreatingGives(Token);
        Sender.On<RevokeMyCalendarFeedCommand, Result>(_ => Result.Success());
        var page = RenderPage<CalendarFeedPage>();
        page.Find("[data-testid=create]").Click();

        page.Find("[data-testid=revoke]").Click();
        page.Find("[data-testid=confirm-revoke-yes]").Click();

        Assert.Empty(page.FindAll("[data-testid=feed-url]"));
        Assert.DoesNotContain(Token, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_browser_refuses_the_clipboard_the_patient_is_told_to_select_the_address()
    {
        FeedIs(MyCalendarFeedDto.None);
        CreatingGives(Token);
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("Write permission denied."));
        var page = RenderPage<CalendarFeedPage>();
        page.Find("[data-testid=create]").Click();

        page.Find("[data-testid=copy]").Click();

        Assert.Contains("select the address above", page.Find("[data-testid=copy-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_is_shown()
    {
        Sender.On<GetMyCalendarFeedQuery, Result<MyCalendarFeedDto>>(_ => Error.NotFound("Your patient record"));

        var page = RenderPage<CalendarFeedPage>();

        Assert.Contains("Your patient record was not found", page.Find("[data-testid=feed-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=create]"));
    }
}
