import Benchmark
import Foundation
import IAMCore

/// Decisions per second of the policy evaluator (`PolicyEvaluator`, pure, in `IAMCore`) for one
/// principal with 10 policies × 5 statements, mixed hits and misses, as issue 4 asks (target:
/// at least 1,000,000 decisions/s). Policies are compiled once, as the service's per-principal
/// cache holds them; each iteration is one decision. Throughput is reported in thousands (K).
///
/// - "typical": ten different policies, each service in one or two of them, with conditions,
///   policy variables, NotAction and IP ranges; the requests end allowed, denied and not allowed.
/// - "worst case": the same five statements in all ten policies, so a request matches up to twenty
///   statements with conditions or variables.
/// - "typical, request built per decision": the caller also builds the `AuthorizationRequest`
///   (action folding, resource bytes), as the server does for each HTTP request.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )

    Benchmark("Evaluate, typical (10 policies × 5 statements)") { benchmark in
        let policies = try compile(typicalTexts)
        evaluate(benchmark, typicalRequests, policies, rebuild: false)
    }

    Benchmark("Evaluate, typical, request built per decision") { benchmark in
        let policies = try compile(typicalTexts)
        evaluate(benchmark, typicalRequests, policies, rebuild: true)
    }

    Benchmark("Evaluate, worst case (10 identical policies × 5 statements)") { benchmark in
        let policies = try compile(uniformTexts)
        evaluate(benchmark, uniformRequests, policies, rebuild: false)
    }
}

func compile(_ texts: [String]) throws -> [CompiledPolicy] {
    try texts.enumerated().map { n, text in try CompiledPolicy(text: text, source: PolicySource(id: "policy-\(n)", kind: .userInline)) }
}

func evaluate(_ benchmark: Benchmark, _ requests: [AuthorizationRequest], _ policies: [CompiledPolicy], rebuild: Bool) {
    // The mix must hold all three decisions, or the benchmark measures only one path.
    let decisions = Set(requests.map { PolicyEvaluator.evaluate(request: $0, identityPolicies: policies, permissionsBoundary: nil).decision })
    precondition(decisions == Set(EvaluationResult.Decision.allCases), "the request mix must be allowed, denied and not allowed")
    benchmark.startMeasurement()
    for i in benchmark.scaledIterations {
        let template = requests[i % requests.count]
        let request = rebuild ? AuthorizationRequest(action: template.action, resource: template.resource, context: template.context) : template
        blackHole(PolicyEvaluator.evaluate(request: request, identityPolicies: policies, permissionsBoundary: nil))
    }
    benchmark.stopMeasurement()
}

func statementList(_ statements: [String]) -> String {
    #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
}

/// The typical case: ten different policies, as a real principal has (each service in one or two of them).
let services = ["secretsmanager", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "kms", "cloudwatch", "rds"]
let typicalTexts: [String] = services.enumerated().map { n, service in
    statementList([
        #"{"Sid":"Read","Effect":"Allow","Action":["\#(service):Get*","\#(service):List*","\#(service):Describe*"],"Resource":"arn:aws:\#(service):*:123456789012:app-\#(n)/*"}"#,
        #"{"Sid":"Write","Effect":"Allow","Action":["\#(service):Put*","\#(service):Create*"],"Resource":"arn:aws:\#(service):us-east-1:123456789012:app-\#(n)/*","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},"Bool":{"aws:SecureTransport":"true"}}}"#,
        #"{"Sid":"Own","Effect":"Allow","Action":"\#(service):Tag*","Resource":"arn:aws:\#(service):*:123456789012:app-\#(n)/${aws:username}/*"}"#,
        #"{"Sid":"NoDelete","Effect":"Deny","Action":"\#(service):Delete*","Resource":"arn:aws:\#(service):*:*:app-\#(n)/prod-*"}"#,
        n == 0
            ? #"{"Sid":"Mfa","Effect":"Deny","NotAction":["iam:*AccessKey*","iam:GetUser","sts:GetSessionToken"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}"#
            : #"{"Sid":"Ip","Effect":"Deny","Action":"\#(service):*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]},"Bool":{"aws:ViaAWSService":"false"}}}"#,
    ])
}

/// The worst case: the same five statements in all ten policies, so that a request matches up to twenty
/// statements with conditions or policy variables.
let uniformTexts: [String] = (0..<10).map { n in
    statementList([
        #"{"Sid":"Read\#(n)","Effect":"Allow","Action":["s3:GetObject","s3:List*","s3:GetBucket*"],"Resource":["arn:aws:s3:::bucket-\#(n)","arn:aws:s3:::bucket-\#(n)/*"]}"#,
        #"{"Sid":"Own\#(n)","Effect":"Allow","Action":["iam:*AccessKey*","iam:ChangePassword","iam:GetUser"],"Resource":"arn:aws:iam::*:user/${aws:username}"}"#,
        #"{"Sid":"Ec2\#(n)","Effect":"Allow","Action":["ec2:Describe*","ec2:StartInstances","ec2:StopInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-\#(n)"]}}}"#,
        #"{"Sid":"Deny\#(n)","Effect":"Deny","Action":["dynamodb:DeleteTable","s3:DeleteBucket"],"Resource":"arn:aws:dynamodb:*:*:table/prod-\#(n)*"}"#,
        #"{"Sid":"Mfa\#(n)","Effect":"Deny","NotAction":["iam:*","sts:GetSessionToken","s3:*","ec2:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}"#,
    ])
}

/// The caller's context: a signed request from alice over TLS with MFA, from 10.1.2.3.
let context: RequestContext = {
    var context = RequestContext()
    context["aws:username"] = .single("alice")
    context["aws:userid"] = .single("AIDAEXAMPLEUSERID0001")
    context["aws:PrincipalArn"] = .single("arn:aws:iam::123456789012:user/alice")
    context["aws:RequestedRegion"] = .single("us-east-1")
    context["aws:SecureTransport"] = .single("true", type: .boolean)
    context["aws:SourceIp"] = .single("10.1.2.3", type: .ip)
    context["aws:CurrentTime"] = .single("2024-05-01T12:00:00Z", type: .date)
    context["aws:EpochTime"] = .single("1714564800", type: .date)
    context["aws:MultiFactorAuthPresent"] = .single("true", type: .boolean)
    return context
}()

let typicalRequests = [
    AuthorizationRequest(action: "secretsmanager:GetSecretValue", resource: "arn:aws:secretsmanager:us-east-1:123456789012:app-0/db-password", context: context),
    AuthorizationRequest(action: "dynamodb:PutItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:app-2/orders", context: context),
    AuthorizationRequest(action: "sqs:DeleteQueue", resource: "arn:aws:sqs:us-east-1:123456789012:app-3/prod-jobs", context: context),
    AuthorizationRequest(action: "lambda:TagResource", resource: "arn:aws:lambda:us-east-1:123456789012:app-5/alice/fn", context: context),
    AuthorizationRequest(action: "iam:CreateAccessKey", resource: "arn:aws:iam::123456789012:user/alice", context: context),
    AuthorizationRequest(action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:123456789012:key/1234", context: context),
    AuthorizationRequest(action: "ec2:DescribeInstances", resource: "*", context: context),
    AuthorizationRequest(action: "rds:ListTagsForResource", resource: "arn:aws:rds:eu-west-1:123456789012:app-9/db", context: context),
]
let uniformRequests = [
    AuthorizationRequest(action: "s3:GetObject", resource: "arn:aws:s3:::bucket-7/reports/2024/q1.csv", context: context),
    AuthorizationRequest(action: "iam:CreateAccessKey", resource: "arn:aws:iam::123456789012:user/alice", context: context),
    AuthorizationRequest(action: "ec2:DescribeInstances", resource: "*", context: context),
    AuthorizationRequest(action: "dynamodb:DeleteTable", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/prod-3-orders", context: context),
    AuthorizationRequest(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:123456789012:queue", context: context),
    AuthorizationRequest(action: "s3:PutObject", resource: "arn:aws:s3:::other/x", context: context),
]

