using AngleSharp.Dom;
using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.GetInbox;
using Kap.Web.Components.Pages;
using Error = Kap.Application.Common.Results.Error;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages;

public sealed class InboxTests : KapComponentTest
{
    private static readonly InboxMessageDto Older = new(Guid.NewGuid(), "Welcome to Kap", "Hello.\nThis is your inbox.", new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc), IsRead: true);

    private static readonly InboxMessageDto Newer = new(Guid.NewGuid(), "Reminder: dosing tomorrow", "Dosing for Alice Nguyen\nWednesday 25 Nov, 09:00\nSage room",
        new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc), IsRead: false);

    [Fact]
    public void Shows_the_messages_newest_first_with_the_unread_count_and_unread_ones_marked()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Older, Newer], UnreadCount: 3));

        var page = RenderPage<Inbox>();

        Assert.Equal(new GetInboxQuery(), Assert.Single(Sender.SentOf<GetInboxQuery>()));
        Assert.Equal("3 unread messages", page.Find("[data-testid=unread-count]").TextContent.Trim());
        var messages = page.FindAll("[data-testid=message]");
        Assert.Equal(new[] { "Reminder: dosing tomorrow", "Welcome to Kap" }, messages.Select(m => Subject(m).TextContent.Trim()));

        Assert.Contains("font-weight:700", Subject(messages[0]).GetAttribute("style"));
        Assert.Equal("Unread", messages[0].QuerySelector("[data-testid=unread-chip]")!.TextContent.Trim());
        Assert.Contains("24 Nov 2026, 08:00", messages[0].TextContent);

        Assert.Contains("font-weight:400", Subject(messages[1]).GetAttribute("style"));
        Assert.Null(messages[1].QuerySelector("[data-testid=unread-chip]"));

        // Bodies stay closed until opened; each subject is a heading with a button that says whether it is open.
        Assert.Empty(page.FindAll("[data-testid=message-body]"));
        Assert.All(messages, m => Assert.Equal("false", m.QuerySelector("h2 button[data-testid=message-toggle]")!.GetAttribute("aria-expanded")));
    }

    [Fact]
    public void Opening_an_unread_message_shows_its_body_and_marks_it_read()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Newer, Older], UnreadCount: 1));
        Sender.On<MarkInboxMessageReadCommand, Result>(_ => Result.Success());
        var page = RenderPage<Inbox>();

        page.FindAll("[data-testid=message-toggle]")[0].Click();

        Assert.Equal(new MarkInboxMessageReadCommand(Newer.Id), Assert.Single(Sender.SentOf<MarkInboxMessageReadCommand>()));
        var message = page.FindAll("[data-testid=message]")[0];
        var body = message.QuerySelector("[data-testid=message-body]")!;
        Assert.Equal(Newer.Body, body.TextContent);
        Assert.Contains("white-space:pre-line", body.GetAttribute("style"));
        var toggle = message.QuerySelector("[data-testid=message-toggle]")!;
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.Equal(body.Id, toggle.GetAttribute("aria-controls"));

        Assert.Null(message.QuerySelector("[data-testid=unread-chip]"));
        Assert.Contains("font-weight:400", Subject(message).GetAttribute("style"));
        Assert.Equal("No unread messages", page.Find("[data-testid=unread-count]").TextContent.Trim());

        // Closing and opening again does not send the command twice.
        page.FindAll("[data-testid=message-toggle]")[0].Click();
        Assert.Empty(page.FindAll("[data-testid=message-body]"));
        page.FindAll("[data-testid=message-toggle]")[0].Click();
        Assert.Single(Sender.SentOf<MarkInboxMessageReadCommand>());
    }

    [Fact]
    public void Opening_a_read_message_sends_nothing()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Older], UnreadCount: 0));
        var page = RenderPage<Inbox>();

        page.Find("[data-testid=message-toggle]").Click();

        Assert.Contains("This is your inbox.", page.Find("[data-testid=message-body]").TextContent);
        Assert.Empty(Sender.SentOf<MarkInboxMessageReadCommand>());
        Assert.Equal("No unread messages", page.Find("[data-testid=unread-count]").TextContent.Trim());
    }

    [Fact]
    public void One_unread_message_uses_the_singular()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Newer], UnreadCount: 1));

        var page = RenderPage<Inbox>();

        Assert.Equal("1 unread message", page.Find("[data-testid=unread-count]").TextContent.Trim());
    }

    [Fact]
    public void An_empty_inbox_says_no_messages_yet()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([], UnreadCount: 0));

        var page = RenderPage<Inbox>();

        Assert.Equal("No messages yet", page.Find("[data-testid=inbox-empty]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=message]"));
    }

    [Fact]
    public void A_patient_can_read_their_inbox_too()
    {
        SignInAs("Riley Chen", KapRoles.Patient, KapPolicies.Patient);
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Newer], UnreadCount: 1));

        var page = RenderPage<Inbox>();

        Assert.Single(page.FindAll("[data-testid=message]"));
    }

    [Fact]
    public void A_failed_mark_read_shows_its_message_and_keeps_the_message_unread()
    {
        Sender.On<GetInboxQuery, Result<InboxDto>>(_ => new InboxDto([Newer], UnreadCount: 1));
        Sender.On<MarkInboxMessageReadCommand, Result>(_ => Error.NotFound("The message"));
        var page = RenderPage<Inbox>();

        page.Find("[data-testid=message-toggle]").Click();

        Assert.Contains("was not found", page.Find("[data-testid=inbox-error]").TextContent);
        Assert.NotNull(page.Find("[data-testid=unread-chip]"));
        Assert.Equal("1 unread message", page.Find("[data-testid=unread-count]").TextContent.Trim());
    }

    private static IElement Subject(IElement message) => message.QuerySelector("[data-testid=message-subject]")!;
}
