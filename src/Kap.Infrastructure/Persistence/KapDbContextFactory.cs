using Kap.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace Kap.Infrastructure.Persistence;

internal sealed class KapDbContextFactory(IDbContextFactory<KapDbContext> inner) : IKapDbContextFactory
{
    public async Task<IKapDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
