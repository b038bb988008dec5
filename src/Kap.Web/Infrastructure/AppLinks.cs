using Kap.Application.Common.Interfaces;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kap.Web.Infrastructure;

/// <summary>Absolute links for messages: Kap:PublicBaseUrl when set, else the first address the server listens on.</summary>
internal sealed class AppLinks(IConfiguration configuration, IServer server) : IAppLinks
{
    public Uri Invitation(string token) => new(BaseUri(), "account/invitation?token=" + Uri.EscapeDataString(token));

    private Uri BaseUri()
    {
        var configured = configuration["Kap:PublicBaseUrl"];
        var address = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
