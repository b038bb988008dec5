using Kap.Domain.Common;

namespace Kap.Domain.Reminders;

/// <summary>A message in a user's in-app inbox: every reminder reaches it, whatever else its channel.</summary>
public sealed class InboxMessage : Entity
{
    private InboxMessage()
    {
    }

    public InboxMessage(Guid userId, string subject, string body, DateTime createdAtUtc, Guid? reminderId)
    {
        UserId = userId;
        Subject = subject;
        Body = body;
        CreatedAtUtc = createdAtUtc;
        ReminderId = reminderId;
    }

    public Guid UserId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }
    public Guid? ReminderId { get; private set; }

    public void MarkRead(DateTime atUtc) => ReadAtUtc ??= atUtc;
}
