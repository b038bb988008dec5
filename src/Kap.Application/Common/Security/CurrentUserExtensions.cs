using Kap.Application.Common.Interfaces;

namespace Kap.Application.Common.Security;

public static class CurrentUserExtensions
{
    public static async ValueTask<UserContext> GetAsync(this ICurrentUser currentUser) =>
        UserContext.From(await currentUser.GetPrincipalAsync());
}
