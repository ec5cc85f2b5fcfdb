import { Token } from 'cdktf';

/**
 * Credentials a runner's fixed environment must not carry: it is written into cdk.tf.json and Terraform's plan, and
 * from there into CI logs and plan files. The AWS names come from the SDK's environment credential provider.
 */
const CREDENTIAL_NAMES = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']);
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL/i;
/** A path to a file (AWS_SHARED_CREDENTIALS_FILE, AWS_WEB_IDENTITY_TOKEN_FILE) is how a secret should be passed. */
const FILE_NAME = /_FILE$/;
/** Access key ids: AKIA (long-term) and ASIA (temporary), 16 more upper-case letters or digits. */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[\p{Lu}\d]{16}$/u;
/** Secret access keys are 40 characters of base64; requiring all three character classes spares hex digests. */
const SECRET_ACCESS_KEY = /^(?=.*\p{Ll})(?=.*\p{Lu})(?=.*\d)[\p{L}\d/+]{40}$/u;
const PRIVATE_KEY = /-----BEGIN [\p{Lu} ]*PRIVATE KEY-----/u;

/** One problem per variable that holds, or by its name or shape looks like, a credential; each names the fix. */
export function credentialsIn(environment: { [key: string]: string }): string[] {
  const fix = 'give the handler credentials another way: list the name in passEnvironment so the value comes from Terraform\'s own environment and never enters the configuration, set AWS_PROFILE to a configured profile, or use the runner\'s assumeRoleArn';
  const problems: string[] = [];
  for (const [name, value] of Object.entries(environment)) {
    const why = CREDENTIAL_NAMES.has(name) ? 'is an AWS credential'
      : SECRET_NAME.test(name) && !FILE_NAME.test(name) ? 'is named like a secret'
        : typeof value === 'string' && !Token.isUnresolved(value) ? shapeOfSecret(value) : undefined;
    if (why !== undefined) {
      problems.push(`${name} ${why}, and the environment is written into cdk.tf.json and Terraform's plan: remove it and ${fix}`);
    }
  }
  return problems;
}

/** Each word of the value is checked, so a key pasted with others (`KEY:SECRET`, a command line) is still found. */
function shapeOfSecret(value: string): string | undefined {
  if (PRIVATE_KEY.test(value)) return 'holds a private key';
  const words = value.split(/[\s:=,;'"]+/);
  if (words.some((w) => ACCESS_KEY_ID.test(w))) return 'holds what looks like an AWS access key id';
  if (words.some((w) => SECRET_ACCESS_KEY.test(w))) return 'holds what looks like an AWS secret access key';
  return undefined;
}
