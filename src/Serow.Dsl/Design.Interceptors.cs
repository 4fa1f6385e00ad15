// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Interceptors.</content>
public abstract partial class Design
{
    /// <summary>
    /// Declares an interceptor: policy that runs around the calls of the methods it is applied to, and around each of
    /// their streamed messages, with access to exactly the attributes its block lists.
    /// </summary>
    /// <param name="name">The interceptor's name, unique in the design.</param>
    /// <param name="block">Declares <c>Description</c> and what it reads and writes (<c>ReadPayload</c>, <c>WriteResult</c>…).</param>
    /// <returns>The interceptor, to pass to <c>ServerInterceptor</c> or <c>ClientInterceptor</c>.</returns>
    protected DslInterceptor Interceptor(string name, Action? block = null)
    {
        var location = SourceLocator.Capture();
        var handle = new DslInterceptor(name);
        if (!AtTopLevel("Interceptor", location))
        {
            return handle;
        }

        CheckIdentifier("interceptor", name, location);
        var interceptor = new InterceptorExpr { Name = name, Location = location };
        Recorder.Interceptors.Add(interceptor);
        if (block is not null)
        {
            Recorder.Run(interceptor, block, location);
        }

        return handle;
    }

    /// <summary>Lets the interceptor read the payload attributes its block names with <c>Attribute("name")</c>.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void ReadPayload(Action block) => Access("ReadPayload", InterceptorAccessKind.ReadPayload, block);

    /// <summary>Lets the interceptor write the payload attributes its block names.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void WritePayload(Action block) => Access("WritePayload", InterceptorAccessKind.WritePayload, block);

    /// <summary>Lets the interceptor read the result attributes its block names.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void ReadResult(Action block) => Access("ReadResult", InterceptorAccessKind.ReadResult, block);

    /// <summary>Lets the interceptor write the result attributes its block names.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void WriteResult(Action block) => Access("WriteResult", InterceptorAccessKind.WriteResult, block);

    /// <summary>Lets the interceptor read the named attributes of each message the client streams.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void ReadStreamingPayload(Action block) => Access("ReadStreamingPayload", InterceptorAccessKind.ReadStreamingPayload, block);

    /// <summary>Lets the interceptor write the named attributes of each message the client streams.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void WriteStreamingPayload(Action block) => Access("WriteStreamingPayload", InterceptorAccessKind.WriteStreamingPayload, block);

    /// <summary>Lets the interceptor read the named attributes of each streamed result.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void ReadStreamingResult(Action block) => Access("ReadStreamingResult", InterceptorAccessKind.ReadStreamingResult, block);

    /// <summary>Lets the interceptor write the named attributes of each streamed result.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void WriteStreamingResult(Action block) => Access("WriteStreamingResult", InterceptorAccessKind.WriteStreamingResult, block);

    /// <summary>Runs the interceptor on the server around the calls of the current API, service or method.</summary>
    /// <param name="interceptor">The interceptor.</param>
    protected void ServerInterceptor(DslInterceptor interceptor) => Apply("ServerInterceptor", interceptor?.Name!, use => use.Server);

    /// <summary>Runs the interceptor in the generated clients around the calls of the current API, service or method.</summary>
    /// <param name="interceptor">The interceptor.</param>
    protected void ClientInterceptor(DslInterceptor interceptor) => Apply("ClientInterceptor", interceptor?.Name!, use => use.Client);

    private void Access(string verb, InterceptorAccessKind kind, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<InterceptorExpr>(verb, "an Interceptor block", location) is { } interceptor)
        {
            var names = new List<NameRef>();
            interceptor.Access.Add((kind, names, location));
            Recorder.Run(new NameListExpr(names, $"{interceptor.Label} {verb}"), block, location);
        }
    }

    private void Apply(string verb, string name, Func<InterceptorUseExpr, List<NameRef>> list)
    {
        var location = SourceLocator.Capture();
        var use = Recorder.Top switch
        {
            ApiExpr api => api.Interceptors,
            ServiceExpr service => service.Interceptors,
            MethodExpr method => method.Interceptors,
            _ => null,
        };
        if (use is null)
        {
            WrongPlace(verb, "an API, Service or Method block", location);
            return;
        }

        list(use).Add(new NameRef(name, location));
    }
}
