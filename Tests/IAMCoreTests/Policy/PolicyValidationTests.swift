import Testing

@testable import IAMCore

/// One document IAM refuses, with the message it answers.
struct InvalidPolicyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var message: String
    var requiresCurrentVersion = false
    var testDescription: String { name }
}

/// Every validation message, one case each, asserting code and message. The expected answers are
/// IAM's as recorded by moto's CreatePolicy test suite unless noted.
@Suite struct PolicyValidationTests {
    static let bucket = #""arn:aws:s3:::example_bucket""#

    static let invalidCases: [InvalidPolicyCase] = [
        InvalidPolicyCase(name: "not JSON", text: "This is not a json document", message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "trailing comma", text: #"{"Version":"2012-10-17","Statement":[],}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "top level is an array", text: "[]", message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "duplicate member", text: #"{"Version":"2012-10-17","Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "character above U+00FF", text: #"{"Version":"2012-10-17","Statement":{"Sid":"☺","Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "control character", text: "{\"Version\":\"2012-10-17\",\u{0B}\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "unknown version", text: #"{"Version":"2013-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "no statement", text: #"{"Version":"2012-10-17"}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "empty statement array", text: #"{"Version":"2012-10-17","Statement":[]}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "statement is a string", text: #"{"Version":"2012-10-17","Statement":["afd"]}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "unknown top-level element", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"},"Extra field":"value"}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "unknown statement element", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Extra field":"value"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Id is an array", text: #"{"Version":"2012-10-17","Id":["x"],"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "missing Effect", text: #"{"Version":"2012-10-17","Statement":{"Action":"s3:ListBucket","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "invalid Effect", text: #"{"Version":"2012-10-17","Statement":{"Effect":"invalid","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Action and NotAction", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:ListBucket","Action":"iam:dsf","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Resource and NotResource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","NotResource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Action is an object", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":{},"Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Resource holds an object", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:ListBucket","Resource":["adfdf",{}]}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Action is a number", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":10,"Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Condition is an array", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":[]}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "operator block is a string", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":"b"}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "condition value is an object", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"a":{}}}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "condition value is null", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"a":null}}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "unknown condition operator", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"x":{"a":"1"}}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "operator with a double colon", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue::StringEqualsIfExists":{"a":"asf"}}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "operator in the wrong case", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"stringequals":{"a":"b"}}}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Sid is an object", text: #"{"Version":"2012-10-17","Statement":{"Sid":{},"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Syntax errors in policy."),
        InvalidPolicyCase(name: "Principal", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#, message: "Policy document should not specify a principal."),
        InvalidPolicyCase(name: "NotPrincipal", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*","Resource":"*"}}"#, message: "Policy document should not specify a principal."),
        InvalidPolicyCase(name: "managed policy without Version", text: #"{"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Policy document must be version 2012-10-17 or greater.", requiresCurrentVersion: true),
        InvalidPolicyCase(name: "managed policy with 2008-10-17", text: #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Policy document must be version 2012-10-17 or greater.", requiresCurrentVersion: true),
        InvalidPolicyCase(name: "Effect in the wrong case", text: #"{"Version":"2012-10-17","Statement":{"Effect":"denY","Action":"s3:ListBucket","Resource":"*"}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "date that is not a date", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"sdfdsf"}}}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "date with month 13", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"234-13"}}}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "epoch beyond Int64", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThan":{"a":"9223372036854775808"}}}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "one-digit zone hour", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.593194+1"}}}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "ten-digit fraction", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.1999999999+10:59"}}}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "resource with four colons and an empty field", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3::example_bucket"}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "resource without service", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws::fdsasf"}}"#, message: "The policy failed legacy parsing"),
        InvalidPolicyCase(name: "duplicate Sid", text: #"{"Version":"2012-10-17","Statement":[{"Sid":"sdf","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"sdf","Effect":"Allow"}]}"#, message: "Statement IDs (SID) in a single policy must be unique."),
        InvalidPolicyCase(name: "Sid with a hyphen", text: #"{"Version":"2012-10-17","Statement":{"Sid":"read-only","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#, message: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"),
        InvalidPolicyCase(name: "no Action", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}"#, message: "Policy statement must contain actions."),
        InvalidPolicyCase(name: "empty Action", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}"#, message: "Policy statement must contain actions."),
        InvalidPolicyCase(name: "a statement without Action among others", text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#, message: "Policy statement must contain actions."),
        InvalidPolicyCase(name: "no Resource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket"}}"#, message: "Policy statement must contain resources."),
        InvalidPolicyCase(name: "empty Resource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":[]}}"#, message: "Policy statement must contain resources."),
        InvalidPolicyCase(name: "resource that is not an ARN", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"invalid resource"}}"#, message: #"Resource invalid resource must be in ARN format or "*"."#),
        InvalidPolicyCase(name: "empty resource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":""}}"#, message: #"Resource  must be in ARN format or "*"."#),
        InvalidPolicyCase(name: "resource error before action error", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s:3:ListBucket","Resource":"sdfsadf"}}"#, message: #"Resource sdfsadf must be in ARN format or "*"."#),
        InvalidPolicyCase(name: "unknown partition", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3s:ListBucket","Resource":"a:b:cadfsdf"}}"#, message: #"Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*"."#),
        InvalidPolicyCase(name: "ARN without arn prefix", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"aws:s3:::example_bucket"}}"#, message: #"Partition "s3" is not valid for resource "arn:s3:::example_bucket:*"."#),
        InvalidPolicyCase(name: "last resource error is reported", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:error:s3:::example_bucket","arn:error:s3::example_bucket"]}}"#, message: #"Partition "error" is not valid for resource "arn:error:s3:::example_bucket"."#),
        InvalidPolicyCase(name: "resource without service", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws"}}"#, message: "Resource vendor must be fully qualified and cannot contain regexes."),
        InvalidPolicyCase(name: "IAM resource with a region", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:us-east-1::example_bucket"}}"#, message: "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
        InvalidPolicyCase(name: "S3 resource with a region", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:us-east-1::example_bucket"}}"#, message: "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."),
        InvalidPolicyCase(name: "IAM resource of an unknown type", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:::example_bucket"}}"#, message: #"IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/."#),
        InvalidPolicyCase(name: "action without vendor", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"invalid","Resource":"*"}}"#, message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        InvalidPolicyCase(name: "empty NotAction", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"","Resource":"*"}}"#, message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        InvalidPolicyCase(name: "action error before missing resources", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"invalid"}}"#, message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        InvalidPolicyCase(name: "action with two colons", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:List:Bucket","Resource":"*"}}"#, message: "Actions/Condition can contain only one colon."),
        InvalidPolicyCase(name: "vendor with a space", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"a a:ListBucket","Resource":"*"}}"#, message: "Vendor a a is not valid"),
    ]

    @Test(arguments: invalidCases)
    func invalidDocumentIsRefusedWithIAMsMessage(_ testCase: InvalidPolicyCase) {
        #expect(throws: IAMError(.malformedPolicyDocument, testCase.message)) {
            try PolicyDocument(text: testCase.text, requiresCurrentVersion: testCase.requiresCurrentVersion)
        }
    }

    /// Documents IAM accepts (moto's recorded valid cases and the grammar's optional forms).
    static let validDocuments: [String] = [
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":["arn:aws:s3:::example_bucket"]}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam: asdf safdsf af ","Resource":"arn:aws:s3:::example_bucket"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::example_bucket"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:iam:::user/example_bucket"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:fdsasf"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:ec2:us-east-1::example_bucket"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket","Condition":{}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"x":{},"y":{}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":[]}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"01T"}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThanEquals":{"a":"2016-12-13t2:00:00.593194+23"}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateLessThan":{"a":"-292275054"}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"a":"asf"}}}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"s3:ListBucket","NotResource":"*"}}"#,
        #"{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":"rds:*","Resource":"*"},{"Sid":"","Effect":"Allow","Action":"rds:Describe*","Resource":"*"}]}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3-s:ListBucket","Resource":"arn:aws:s3:::example_bucket"}}"#,
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:*"}}"#,
        #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#,
        #"{"Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}"#,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::caf\u{E9}/*\"}\n}",
    ]

    @Test(arguments: validDocuments)
    func validDocumentIsAccepted(_ text: String) throws {
        let document = try PolicyDocument(text: text)
        #expect(document.text == text)
        #expect(!document.statements.isEmpty)
    }

    @Test func inlinePolicyMayOmitVersionButManagedPolicyMayNot() throws {
        let text = #"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#
        #expect(try PolicyDocument(text: text).version == nil)
        #expect(throws: IAMError(.malformedPolicyDocument, "Policy document must be version 2012-10-17 or greater.")) {
            try PolicyDocument(text: text, requiresCurrentVersion: true)
        }
    }

    @Test(arguments: [
        ("{\"a\" : 1}", 7),
        ("{\n\t\"Version\": \"2012-10-17\"\r\n}", 24),
        ("", 0),
        ("caf\u{E9} au lait", 10),
    ])
    func sizeCountsEveryCharacterExceptWhitespace(_ text: String, _ expected: Int) {
        #expect(PolicyDocument.sizeWithoutWhitespace(text) == expected)
    }
}
