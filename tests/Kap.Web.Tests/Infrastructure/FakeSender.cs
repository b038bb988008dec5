using System.Runtime.CompilerServices;
using Mediator;

namespace Kap.Web.Tests.Infrastructure;

/// <summary>
/// An <see cref="ISender"/> for component tests: it records every message a component sends and answers
/// from the handlers registered with <see cref="On{TMessage,TResponse}(Func{TMessage,TResponse})"/>.
/// A message without a handler is recorded in <see cref="Unexpected"/> and throws, so the test fails.
/// </summary>
public sealed class FakeSender : ISender
{
    private readonly Lock _gate = new();
    private readonly List<object> _sent = [];
    private readonly List<object> _unexpected = [];
    private readonly Dictionary<Type, Handler> _handlers = [];

    /// <summary>Every message sent so far, in order.</summary>
    public IReadOnlyList<object> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Messages that no handler was registered for.</summary>
    public IReadOnlyList<object> Unexpected
    {
        get
        {
            lock (_gate)
            {
                return [.. _unexpected];
            }
        }
    }

    /// <summary>The messages of one type sent so far, in order.</summary>
    public IReadOnlyList<TMessage> SentOf<TMessage>() => [.. Sent.OfType<TMessage>()];

    /// <summary>Answers every <typeparamref name="TMessage"/> with <paramref name="handler"/>; replaces an earlier handler for the type.</summary>
    public FakeSender On<TMessage, TResponse>(Func<TMessage, TResponse> handler)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnAsync<TMessage, TResponse>(m => ValueTask.FromResult(handler(m)));
    }

    /// <summary>Answers every <typeparamref name="TMessage"/> asynchronously (to hold a response back, for instance).</summary>
    public FakeSender OnAsync<TMessage, TResponse>(Func<TMessage, ValueTask<TResponse>> handler)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers[typeof(TMessage)] = new Handler(typeof(TResponse), async m => await handler((TMessage)m));
        }

        return this;
    }

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        Dispatch<TResponse>(request);

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        Dispatch<TResponse>(command);

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        Dispatch<TResponse>(query);

    public async ValueTask<object?> Send(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var handler = Find(message);
        return await handler.Invoke(message);
    }

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        Unsupported<TResponse>(query);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        Unsupported<TResponse>(request);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        Unsupported<TResponse>(command);

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        Unsupported<object?>(message);

    private async ValueTask<TResponse> Dispatch<TResponse>(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var handler = Find(message);
        if (handler.ResponseType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"FakeSender: the handler for {message.GetType().Name} returns {handler.ResponseType.Name}, but the component expects {typeof(TResponse).Name}.");
        }

        return (TResponse)(await handler.Invoke(message))!;
    }

    private Handler Find(object message)
    {
        lock (_gate)
        {
            _sent.Add(message);
            if (_handlers.TryGetValue(message.GetType(), out var handler))
            {
                return handler;
            }

            _unexpected.Add(message);
        }

        throw new UnexpectedMessageException(message);
    }

    private async IAsyncEnumerable<TResponse> Unsupported<TResponse>(object message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _sent.Add(message);
            _unexpected.Add(message);
        }

        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        throw new UnexpectedMessageException(message);
#pragma warning disable CS0162 // Unreachable code: an iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }

    private sealed record Handler(Type ResponseType, Func<object, ValueTask<object?>> Invoke);
}

/// <summary>A component sent a message the test did not expect (no handler was registered for its type).</summary>
public sealed class UnexpectedMessageException(object message)
    : Exception($"FakeSender: no handler is registered for {message.GetType().FullName}: {message}. Register one with fake.On<{message.GetType().Name}, TResponse>(...).")
{
    public object UnexpectedMessage { get; } = message;
}
