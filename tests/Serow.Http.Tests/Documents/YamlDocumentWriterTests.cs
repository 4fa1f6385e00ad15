// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Nodes;
using Serow.Codegen.Http.Documents;

namespace Serow.Http.Tests.Documents;

public sealed class YamlDocumentWriterTests
{
    [Theory]
    [InlineData("""{"plain":"word","path":"/api/items","ref":"#/components/schemas/X","version":"3.0.0"}""")]
    [InlineData("""{"yes":"yes","no":"No","null":"null","tilde":"~","number":"42","float":"1.5","empty":""}""")]
    [InlineData("""{"colon":"a: b","hash":"a #b","quote":"it's \"x\"","newline":"one\ntwo","tab":"a\tb","unicode":"café ☕","lead":" x","dash":"- x"}""")]
    [InlineData("""{"n":1,"f":-2.5,"t":true,"f2":false,"z":null,"o":{},"a":[],"nested":{"list":[1,"x",{"k":"v","k2":[{"deep":true}]},[1,2]]}}""")]
    [InlineData("""{"$serow.error":{"$ref":"#/x"},"key with space":1,"{id}":2}""")]
    public void FromJson_ReadBackByYamlDotNet_IsTheSameJson(string json)
    {
        var yaml = YamlDocumentWriter.FromJson(json);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), YamlToJson.Parse(yaml)), yaml);
        Assert.EndsWith("\n", yaml);
        Assert.DoesNotContain('\r', yaml);
    }

    [Fact]
    public void FromJson_PlainWhereSafe_QuotedOtherwise_SequencesIndented()
    {
        var yaml = YamlDocumentWriter.FromJson("""{"a":"word","b":"yes","c":"3.0.0","n":"42","d":[{"e":1,"f":"g"}]}""");

        Assert.Equal("a: word\nb: \"yes\"\nc: 3.0.0\n\"n\": \"42\"\nd:\n  - e: 1\n    f: g\n", yaml);
    }
}
