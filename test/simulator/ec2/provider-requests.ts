/**
 * The EC2 requests hashicorp/aws 5.100.0 sends for `aws_launch_template`, captured with TF_LOG=debug against the
 * simulator (import and update of the seed's `demo-custom-lt`, create with the settings NodeLaunchTemplate exposes,
 * plan, destroy). Only the client tokens (random per run) and generated names are replaced by fixed values.
 */
const VERSION = 'Version=2016-11-15';

export const PROVIDER_REQUESTS = {
  describeById: (id: string) => `Action=DescribeLaunchTemplates&LaunchTemplateId.1=${id}&${VERSION}`,
  describeByName: (name: string) => `Action=DescribeLaunchTemplates&LaunchTemplateName.1=${name}&${VERSION}`,
  describeVersion: (id: string, version: number) => `Action=DescribeLaunchTemplateVersions&LaunchTemplateId=${id}&LaunchTemplateVersion.1=${version}&${VERSION}`,
  createVersion: (id: string, token: string) => `Action=CreateLaunchTemplateVersion&ClientToken=${token}&LaunchTemplateData.ImageId=ami-0abcdef0123456789&LaunchTemplateData.UserData=eA%3D%3D&LaunchTemplateId=${id}&${VERSION}`,
  setDefault: (id: string, version: number, token: string) => `Action=ModifyLaunchTemplate&ClientToken=${token}&LaunchTemplateId=${id}&SetDefaultVersion=${version}&${VERSION}`,
  create: (name: string, token: string) => [
    'Action=CreateLaunchTemplate', `ClientToken=${token}`,
    'LaunchTemplateData.BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda', 'LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize=40',
    'LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeType=gp3', 'LaunchTemplateData.ImageId=ami-0abcdef0123456789',
    'LaunchTemplateData.InstanceType=m6i.large', 'LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit=2',
    'LaunchTemplateData.MetadataOptions.HttpTokens=required', 'LaunchTemplateData.SecurityGroupId.1=sg-0123456789abcdef0',
    'LaunchTemplateData.TagSpecification.1.ResourceType=instance', 'LaunchTemplateData.TagSpecification.1.Tag.1.Key=team',
    'LaunchTemplateData.TagSpecification.1.Tag.1.Value=x', 'LaunchTemplateData.UserData=', `LaunchTemplateName=${name}`,
    'TagSpecification.1.ResourceType=launch-template', 'TagSpecification.1.Tag.1.Key=owner', 'TagSpecification.1.Tag.1.Value=me', VERSION,
  ].join('&'),
  delete: (id: string) => `Action=DeleteLaunchTemplate&LaunchTemplateId=${id}&${VERSION}`,
};
