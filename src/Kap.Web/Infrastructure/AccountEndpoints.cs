using Kap.Application.Common.Identity;
using Microsoft.AspNetCore.Identity;

namespace Kap.Web.Infrastructure;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with an antiforgery token (checked by UseAntiforgery): signing out by GET would let any page sign a user out.
        endpoints.MapPost("/account/logout", async (SignInManager<KapUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login?signedOut=true");
        });
        return endpoints;
    }
}
