using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// Draws the fuzzer's requests: half random requests to any route (wrong types, invalid UTF-8, huge and
/// deep bodies, hostile strings in paths and queries, other tenants' ids), half the review's targeted
/// probes (hostile schemas and the payloads that exercise them, login redirects, reserved header names,
/// Unicode, huge and deep JSON, the batch route). <c>expensive</c> allows the probes that make
/// an unfixed server spend seconds of CPU (ReDoS): the concurrency-1 phase only.
/// </summary>
internal static class FuzzRequests
{
    public static FuzzRequest Next(Random random, FuzzTarget target, bool expensive)
        => random.Next(20) switch
        {
            10 => SaveSchema(random, target),
            11 or 12 when expensive => IngestAgainstHostileSchema(random, target),
            13 => IngestAgainstOtherSchema(random, target),
            14 => Login(random, target),
            15 => SubscriptionHeaders(random, target),
            16 => UnicodeNames(random, target),
            17 => HugeOrDeep(random, target),
            18 => DashboardForm(random, target, target.Routes.Where(r => r.Form).ToList()),
            _ => RandomRoute(random, target),
        };

    private static FuzzRequest SaveSchema(Random random, FuzzTarget target)
    {
        var refuse = random.Next(2) == 0;
        var schemas = refuse ? HostileInputs.SchemasToRefuse : HostileInputs.StructuralSchemas();
        var schema = schemas[random.Next(schemas.Length)];
        var body = $$$"""{"application_id":"{{{target.A.ApplicationId}}}","service":"fz{{{random.Next(1_000_000)}}}","resource_type":"r","verb":"v","schema":{{{schema}}}}""";
        return new FuzzRequest("schema-save", "POST", "/api/v1/event_types", target.A.Secret, FuzzRequest.Utf8(body), "application/json")
        {
            Check = refuse ? r => r.IsSuccessStatusCode ? $"schema that cannot be used accepted at save ({(int)r.StatusCode}): {Short(schema)}" : null : null,
        };
    }

    private static FuzzRequest IngestAgainstHostileSchema(Random random, FuzzTarget target)
    {
        if (target.CatastrophicTypes.Count == 0)
        {
            return RandomRoute(random, target);
        }

        var type = target.CatastrophicTypes[random.Next(target.CatastrophicTypes.Count)];
        var (_, min, max) = HostileInputs.CatastrophicPatterns[type.Pattern];
        var value = HostileInputs.AlmostMatching(random.Next(min, max + 1));
        var payload = type.OnPropertyNames ? $$$"""{"{{{value}}}":"x"}""" : $$$"""{"name":"{{{value}}}"}""";
        return Ingest("redos", random, target, type.Name, payload);
    }

    private static FuzzRequest IngestAgainstOtherSchema(Random random, FuzzTarget target)
    {
        if (target.OtherHostileTypes.Count == 0)
        {
            return RandomRoute(random, target);
        }

        var payload = random.Next(2) switch
        {
            0 => "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201),
            _ => "{\"c\":" + string.Concat(Enumerable.Repeat("{\"c\":", 60)) + "{}" + new string('}', 61),
        };
        return Ingest("schema-ingest", random, target, target.OtherHostileTypes[random.Next(target.OtherHostileTypes.Count)], payload);
    }

    private static FuzzRequest Ingest(string kind, Random random, FuzzTarget target, string eventType, string payloadJson)
    {
        var payload = JsonValue.Create(payloadJson).ToJsonString();
        var one = $$$"""{"application_id":"{{{target.A.ApplicationId}}}","event_type":"{{{eventType}}}","payload":{{{payload}}},"payload_content_type":"application/json","occurred_at":"{{{DateTime.UtcNow:O}}}","labels":{"env":"prod"}}""";
        return random.Next(3) == 0
            ? new FuzzRequest(kind + "-batch", "POST", "/api/v1/events/batch", target.A.Secret, FuzzRequest.Utf8($"[{one},{one}]"), "application/json")
            : new FuzzRequest(kind, "POST", "/api/v1/event", target.A.Secret, FuzzRequest.Utf8(one), "application/json");
    }

    private static FuzzRequest Login(Random random, FuzzTarget target)
    {
        var returnTo = HostileInputs.ReturnTargets[random.Next(HostileInputs.ReturnTargets.Length)];
        var rightPassword = random.Next(3) != 0;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("email", random.Next(8) == 0 ? HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)] : target.UserEmail),
            new("password", rightPassword ? target.UserPassword : "wrong-" + random.Next()),
            new("return", returnTo),
        };
        return Form("login-redirect", "/dashboard/login", target, fields, withToken: random.Next(10) != 0) with
        {
            Check = r => OffsiteRedirect(r, returnTo),
        };
    }

    /// <summary>
    /// A redirect must stay on this site as a browser reads it: browsers drop tab, CR and LF anywhere and
    /// treat a backslash as a slash, so a Location that becomes "//host" or carries a scheme leaves.
    /// </summary>
    public static string? OffsiteRedirect(HttpResponseMessage response, string requested)
    {
        if (response.Headers.Location is not { } location)
        {
            return null;
        }

        var raw = location.OriginalString;
        if (raw.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return $"redirect with control or white-space characters: Location {Escape(raw)} (return={Escape(requested)})";
        }

        // The server under test listens on loopback: an absolute Location naming it stays on the site.
        var read = raw.Replace('\\', '/');
        var offsite = read.StartsWith("//", StringComparison.Ordinal)
            || (Uri.TryCreate(read, UriKind.Absolute, out var absolute) && !read.StartsWith('/')
                ? absolute.Scheme is not ("http" or "https") || absolute.Host is not ("127.0.0.1" or "localhost")
                : System.Text.RegularExpressions.Regex.IsMatch(read, "^[a-zA-Z][a-zA-Z0-9+.-]*:"));
        return offsite ? $"open redirect: Location {Escape(raw)} (return={Escape(requested)})" : null;
    }

    private static FuzzRequest SubscriptionHeaders(Random random, FuzzTarget target)
    {
        var reserved = random.Next(3) != 0;
        var name = reserved ? HostileInputs.ReservedHeaderNames[random.Next(HostileInputs.ReservedHeaderNames.Length)]
            : HostileInputs.InvalidHeaderNames[random.Next(HostileInputs.InvalidHeaderNames.Length)];
        var value = random.Next(4) == 0 ? "a\r\nX-Injected: 1" : "1";
        var headers = new JsonObject { [name] = value };
        var body = new JsonObject
        {
            ["application_id"] = target.A.ApplicationId.ToString(), ["is_enabled"] = true, ["event_types"] = new JsonArray(target.A.EventType),
            ["labels"] = new JsonObject { ["env"] = "prod" },
            ["target"] = new JsonObject { ["type"] = "http", ["method"] = "POST", ["url"] = "https://example.com/hook", ["headers"] = headers },
        };
        return new FuzzRequest("subscription-header", "POST", "/api/v1/subscriptions", target.A.Secret, FuzzRequest.Utf8(body.ToJsonString()), "application/json")
        {
            Check = r => r.IsSuccessStatusCode && (reserved || name.Length == 0 || name.Any(c => c <= ' ' || c > '~' || c == ':'))
                ? $"{(reserved ? "reserved" : "invalid")} subscription header name accepted ({(int)r.StatusCode}): {Escape(name)}"
                : null,
        };
    }

    private static FuzzRequest UnicodeNames(Random random, FuzzTarget target)
    {
        var literal = random.Next(2) == 0
            ? HostileInputs.JsonStringLiterals[random.Next(HostileInputs.JsonStringLiterals.Length)]
            : JsonValue.Create(HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)]).ToJsonString();
        var a = target.A;
        var (path, body) = random.Next(6) switch
        {
            0 => ("/api/v1/applications", $$$"""{"organization_id":"{{{a.OrganizationId}}}","name":{{{literal}}}}"""),
            1 => ("/api/v1/event_types", $$$"""{"application_id":"{{{a.ApplicationId}}}","service":{{{literal}}},"resource_type":"r","verb":"v"}"""),
            2 => ("/api/v1/event", $$$"""{"application_id":"{{{a.ApplicationId}}}","event_type":"{{{a.EventType}}}","payload":{{{literal}}},"payload_content_type":"text/plain","occurred_at":"{{{DateTime.UtcNow:O}}}","labels":{{{{literal}}}:{{{literal}}}}}"""),
            3 => ("/api/v1/event", $$$"""{"application_id":"{{{a.ApplicationId}}}","event_type":{{{literal}}},"payload":"{}","payload_content_type":"application/json","occurred_at":"{{{DateTime.UtcNow:O}}}","labels":{"env":"prod"},"metadata":{{{{literal}}}:{{{literal}}}}}"""),
            4 => ("/api/v1/application_secrets", $$$"""{"application_id":"{{{a.ApplicationId}}}","name":{{{literal}}}}"""),
            _ => ("/api/v1/subscriptions", $$$"""{"application_id":"{{{a.ApplicationId}}}","is_enabled":true,"event_types":["{{{a.EventType}}}"],"description":{{{literal}}},"labels":{{{{literal}}}:{{{literal}}}},"target":{"type":"http","method":"POST","url":"https://example.com/\u202e","headers":{}}""" + "}"),
        };
        return new FuzzRequest("unicode", "POST", path, random.Next(2) == 0 ? a.Secret : Hook0Key(), FuzzRequest.Utf8(body), "application/json");
    }

    private static FuzzRequest HugeOrDeep(Random random, FuzzTarget target)
    {
        var a = target.A;
        var (path, body) = random.Next(5) switch
        {
            0 => ("/api/v1/event", $$$"""{"application_id":"{{{a.ApplicationId}}}","event_type":"{{{a.EventType}}}","payload":"{{{HostileInputs.Deep(random.Next(64, 20_000))}}}","payload_content_type":"application/json","occurred_at":"{{{DateTime.UtcNow:O}}}","labels":{"env":"prod"}}"""),
            1 => ("/api/v1/event", $$$"""{"application_id":"{{{a.ApplicationId}}}","event_type":"{{{a.EventType}}}","payload":"{}","payload_content_type":"application/json","occurred_at":"{{{DateTime.UtcNow:O}}}","labels":{{{{string.Join(',', Enumerable.Range(0, random.Next(100, 20_000)).Select(i => $"\"k{i}\":\"v\""))}}}}}"""),
            2 => ("/api/v1/events/batch", "[" + string.Join(',', Enumerable.Range(0, random.Next(100, 5_000)).Select(_ => "{}")) + "]"),
            3 => ("/api/v1/subscriptions", $$$"""{"application_id":"{{{a.ApplicationId}}}","is_enabled":true,"event_types":[{{{string.Join(',', Enumerable.Range(0, random.Next(100, 10_000)).Select(i => $"\"s{i}.r.v\""))}}}],"labels":{"env":"prod"},"target":{"type":"http","method":"POST","url":"https://example.com/","headers":{{{{string.Join(',', Enumerable.Range(0, random.Next(50, 5_000)).Select(i => $"\"X-H{i}\":\"v\""))}}}}}""" + "}"),
            _ => ("/api/v1/event_types", DeepSchemaEventType(a, random.Next(100, 2_000), random)),
        };
        return new FuzzRequest("huge-or-deep", "POST", path, a.Secret, FuzzRequest.Utf8(body), "application/json");
    }

    private static string DeepSchemaEventType(Infrastructure.Tenant a, int depth, Random random)
        => $$$"""{"application_id":"{{{a.ApplicationId}}}","service":"deep{{{random.Next()}}}","resource_type":"r","verb":"v","schema":""" +
            string.Concat(Enumerable.Repeat("{\"items\":", depth)) + "{}" + new string('}', depth) + "}";

    private static FuzzRequest DashboardForm(Random random, FuzzTarget target, List<FuzzRoute> forms)
    {
        if (forms.Count == 0)
        {
            return RandomRoute(random, target);
        }

        var route = forms[random.Next(forms.Count)];
        var value = HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)];
        var fields = new List<KeyValuePair<string, string>>
        {
            new("token", value), new("reason", value), new("email", value), new("password", value), new("return", HostileInputs.ReturnTargets[random.Next(HostileInputs.ReturnTargets.Length)]),
        };
        return Form("dashboard-form", FillPath(route.Template, random, target.Ids), target, fields, withToken: random.Next(5) != 0) with
        {
            Check = r => OffsiteRedirect(r, "(form)"),
        };
    }

    private static FuzzRequest Form(string kind, string path, FuzzTarget target, List<KeyValuePair<string, string>> fields, bool withToken)
    {
        if (withToken && target.AntiforgeryToken is { } token)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        var body = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={EscapeForm(f.Value)}"));
        var request = new FuzzRequest(kind, "POST", path, null, FuzzRequest.Utf8(body), "application/x-www-form-urlencoded");
        if (withToken && target.AntiforgeryCookie is { } cookie)
        {
            request.Headers.Add(new("Cookie", cookie));
        }

        return request;
    }

    /// <summary>Form encoding that keeps lone surrogates as the bytes a hostile client would send (Uri.EscapeDataString refuses them).</summary>
    private static string EscapeForm(string value)
        => string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' ? ((char)b).ToString() : $"%{b:X2}"));

    public static FuzzRequest RandomRoute(Random random, FuzzTarget target)
    {
        var route = target.Routes[random.Next(target.Routes.Count)];
        var path = FillPath(route.Template, random, target.Ids) + Query(random, target.Ids, target.B.ApplicationId);
        if (route.Form)
        {
            return DashboardForm(random, target, [route]);
        }

        (byte[] Bytes, string ContentType)? body = route.Method is "POST" or "PUT" or "PATCH" || random.Next(5) == 0 ? Body(random, target) : null;
        var request = new FuzzRequest("random", route.Method, path, target.Credentials[random.Next(target.Credentials.Length)], body?.Bytes, body?.ContentType);
        if (random.Next(10) == 0)
        {
            request.Headers.Add(new("X-Huge", new string('h', random.Next(8_000, 70_000))));
        }

        return request;
    }

    private static string Hook0Key() => Infrastructure.Hook0Factory.MasterKey;

    private static string Short(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static string Escape(string text) => string.Concat(text.Take(200).Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string FillPath(string template, Random random, string[] ids)
        => System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", _ => EscapeForm(random.Next(3) switch
        {
            0 => ids[random.Next(ids.Length)],
            1 => Guid.NewGuid().ToString(),
            _ => HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)],
        }) switch { "" => "%20", var s => s });

    private static string Query(Random random, string[] ids, Guid otherApplication)
    {
        var parts = new List<string>();
        foreach (var name in new[] { "application_id", "organization_id", "event_type", "limit", "cursor", "from", "to", "subscription_id", "label_key", "key", "dry_run", "return", "error", "email" })
        {
            if (random.Next(4) == 0)
            {
                var value = random.Next(3) switch
                {
                    0 => name == "application_id" ? otherApplication.ToString() : ids[random.Next(ids.Length)],
                    1 => random.Next(-5, 100_000).ToString(CultureInfo.InvariantCulture),
                    _ => HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)],
                };
                parts.Add($"{name}={EscapeForm(value)}");
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static (byte[] Bytes, string ContentType) Body(Random random, FuzzTarget target)
    {
        var b = target.B;
        byte[] bytes = random.Next(8) switch
        {
            0 => [0xC3, 0x28, 0x7B, 0xFF, 0xFE, 0x22, 0x80, 0x7D], // invalid UTF-8
            1 => Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 1_200_000) + "\"}"), // over MAX_REQUEST_BODY_BYTES
            2 => Encoding.UTF8.GetBytes(RandomJson(random, target.Ids, 0)?.ToJsonString() ?? "null"),
            3 => Encoding.UTF8.GetBytes("{\"application_id\":\"" + b.ApplicationId + "\",\"event_type\":\"" + b.EventType + "\",\"payload\":"
                + RandomJson(random, target.Ids, 2)?.ToJsonString() + ",\"payload_content_type\":\"application/json\",\"labels\":{\"env\":\"prod\"},\"occurred_at\":\"x\"}"),
            4 => Encoding.UTF8.GetBytes("{\"a\":" + HostileInputs.Deep(3000) + "}"), // deep nesting
            5 => Encoding.UTF8.GetBytes(HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)]),
            _ => Encoding.UTF8.GetBytes(MistypedObject(random, target.Ids).ToJsonString()),
        };
        return (bytes, random.Next(6) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=latin1",
            2 => "multipart/form-data; boundary=x",
            _ => "application/json",
        });
    }

    /// <summary>An object with the API's field names and values of every wrong type.</summary>
    private static JsonObject MistypedObject(Random random, string[] ids)
    {
        var names = new[] { "name", "organization_id", "application_id", "event_type", "payload", "payload_content_type", "labels", "occurred_at", "event_id",
            "is_enabled", "event_types", "target", "service", "resource_type", "verb", "retry_policy", "email", "password", "description", "metadata", "dry_run",
            "schema", "headers", "role", "token" };
        var obj = new JsonObject();
        foreach (var name in names.Where(_ => random.Next(2) == 0))
        {
            obj[name] = random.Next(3) == 0 ? JsonValue.Create(ids[random.Next(ids.Length)]) : RandomJson(random, ids, 1);
        }

        return obj;
    }

    private static JsonNode? RandomJson(Random random, string[] ids, int depth)
        => (depth > 4 ? random.Next(5) : random.Next(8)) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(3) == 0 ? long.MaxValue : random.NextDouble() * 1e300),
            3 => JsonValue.Create(HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)]),
            4 => JsonValue.Create(ids[random.Next(ids.Length)]),
            5 or 6 => new JsonObject(Enumerable.Range(0, random.Next(5)).Select(i =>
                KeyValuePair.Create(random.Next(2) == 0 ? HostileInputs.Strings[random.Next(HostileInputs.Strings.Length)] + i : $"k{i}", RandomJson(random, ids, depth + 1)))
                .DistinctBy(kv => kv.Key)),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(5)).Select(_ => RandomJson(random, ids, depth + 1))]),
        };
}
