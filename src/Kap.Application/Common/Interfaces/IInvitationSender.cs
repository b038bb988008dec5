namespace Kap.Application.Common.Interfaces;

/// <summary>Delivers a sign-in invitation by email (<see cref="IEmailSender"/>: SMTP, or the development pickup folder).</summary>
public interface IInvitationSender
{
    Task SendAsync(string email, string displayName, Uri link, CancellationToken cancellationToken);
}

/// <summary>Where links in messages point: the public base address of this Kap instance.</summary>
public interface IAppLinks
{
    Uri Invitation(string token);
}
